package dev.ferry.data;

/** The work of one batch: it runs inside the batch's transaction, which commits with the checkpoint when it returns. */
@FunctionalInterface
public interface BatchHandler {
    void handle(Batch batch) throws Exception;
}

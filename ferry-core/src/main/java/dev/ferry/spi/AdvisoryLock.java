package dev.ferry.spi;

/** A held advisory lock; closing it releases the lock (not the connection). */
public interface AdvisoryLock extends AutoCloseable {

    String name();

    @Override
    void close();
}

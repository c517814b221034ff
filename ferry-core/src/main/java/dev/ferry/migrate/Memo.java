package dev.ferry.migrate;

import java.util.function.Supplier;

/** Computes a value the first time it is asked for and keeps it: git's history, read once per command. */
final class Memo<T> implements Supplier<T> {
    private final Supplier<T> compute;
    private T value;

    Memo(Supplier<T> compute) {
        this.compute = compute;
    }

    @Override
    public synchronized T get() {
        if (value == null) {
            value = compute.get();
        }
        return value;
    }
}

package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.env.Claimant;
import dev.ferry.env.EnvironmentGuard;
import dev.ferry.env.EnvironmentRecord;
import dev.ferry.error.ExitCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;

import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The second half of confirming a write ({@link CliContext#confirmWrite}), once the database is
 * open: a database another environment of ferry.yaml has written to is refused before anything is
 * written, and the environment that writes is recorded in it afterwards. A bare URL speaks for no
 * environment, so it is neither checked nor recorded.
 *
 * <pre>{@code
 * EnvironmentWrites writes = context.confirmWrite(target, "restore", settings);
 * try (Database database = context.dialects().open(target.url())) {
 *     return writes.around(database, () -> restore(database));
 * }
 * }</pre>
 */
final class EnvironmentWrites {
    private final Optional<EnvironmentGuard> guard;
    private final String command;

    private EnvironmentWrites(Optional<EnvironmentGuard> guard, String command) {
        this.guard = guard;
        this.command = command;
    }

    static EnvironmentWrites of(Target target, String command, String host) {
        return new EnvironmentWrites(guard(target, host), command);
    }

    /**
     * Checks, runs {@code write}, records. The environment is recorded also when the write failed
     * part-way (exit 1 or 4: it may have changed the database), not when it was refused (exit 2, 3, 5).
     */
    int around(Database database, IntSupplier write) {
        if (guard.isEmpty()) {
            return write.getAsInt();
        }
        List<EnvironmentRecord> seen = guard.get().check(database, command);
        int exit;
        try {
            exit = write.getAsInt();
        } catch (FerryException e) {
            if (e.exitCode() == ExitCode.STEP_FAILED || e.exitCode() == ExitCode.CHECK_FAILED) {
                recordAfterFailure(database, seen, e);
            }
            throw e;
        }
        guard.get().record(database, seen);
        return exit;
    }

    /** A command that only reads is never refused; it says so when another environment holds the database. */
    static void warnIfHeldByAnother(Target target, Database database, String host, Console console) {
        Optional<EnvironmentGuard> guard = guard(target, host);
        if (guard.isEmpty()) {
            return;
        }
        try {
            guard.get().warning(database).ifPresent(console::report);
        } catch (FerryException unreadable) {
            // a warning that cannot be read must not fail a command that has done its work
        }
    }

    private void recordAfterFailure(Database database, List<EnvironmentRecord> seen, FerryException failure) {
        try {
            guard.get().record(database, seen);
        } catch (FerryException notRecorded) {
            failure.addSuppressed(notRecorded);
        }
    }

    private static Optional<EnvironmentGuard> guard(Target target, String host) {
        return target.namedEnvironment().map(name -> new EnvironmentGuard(new Claimant(name, target.isShared(), host)));
    }
}

package dev.ferry.sqlite;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.AdvisoryLock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * SQLite has no server to hold a session lock, so Ferry locks a file beside the database, one per
 * lock name ({@code app.db.ferry-migrate.lock}); the operating system releases it when the process dies.
 */
final class SqliteFileLock implements AdvisoryLock {
    private static final long POLL_MS = 100;

    private final String name;
    private final FileChannel channel;
    private final FileLock lock;

    private SqliteFileLock(String name, FileChannel channel, FileLock lock) {
        this.name = name;
        this.channel = channel;
        this.lock = lock;
    }

    static SqliteFileLock acquire(String databasePath, String name, Duration timeout) {
        Path file = Path.of(databasePath + ".ferry-" + name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".lock");
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
                    return new SqliteFileLock(name, channel, lock);
                }
                if (System.nanoTime() >= deadline) {
                    channel.close();
                    throw new FerryException(ErrorCode.LOCKED, "the lock '" + name + "' on " + databasePath + " is held by process "
                            + holder(file) + "; waited " + timeout.toSeconds() + " s",
                            "wait for that run to finish, or raise --lock-timeout; the lock goes away by itself when that process ends");
                }
                Thread.sleep(POLL_MS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.STEP_FAILED, "interrupted while waiting for the lock on " + databasePath, null, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.UTF_8).strip();
            return pid.isEmpty() ? "(unknown)" : pid;
        } catch (IOException e) {
            return "(unknown)";
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel or ending the process releases the lock in any case.
        }
    }
}

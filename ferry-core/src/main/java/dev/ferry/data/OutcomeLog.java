package dev.ferry.data;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A data migration's per-record outcomes as JSON lines ({@code {"key":…,"outcome":"migrated"}}). Lines
 * are buffered until the batch's commit, then written and forced to disk; the log's length after them is
 * stored with the batch's checkpoint, so that a run that died before its commit cuts the log back to the
 * committed length and no record shows twice.
 */
final class OutcomeLog implements AutoCloseable {
    private static final byte[] KEY = "{\"key\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OUTCOME = ",\"outcome\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REASON = ",\"reason\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "}\n".getBytes(StandardCharsets.US_ASCII);
    /** Reasons repeat ("IBAN", "empty"): each is quoted once, up to this many. */
    private static final int QUOTED_KEPT = 1000;
    private final Path file;
    private final FileChannel channel;
    /** Shared by the batches of parallel ranges, each of which writes its own {@link Lines}. */
    private final Map<String, byte[]> quoted = new ConcurrentHashMap<>();

    private OutcomeLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens {@code file}, cut back to {@code committedBytes} (0: a fresh start). What it held past
     * that was written by a batch that never committed.
     *
     * @return the log, and whether the file was shorter than the history says (lines were lost)
     */
    static OutcomeLog open(Path file, long committedBytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.size() > committedBytes) {
                channel.truncate(committedBytes);
            }
            channel.position(channel.size());
            return new OutcomeLog(file, channel);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONFIG, "cannot write the outcome log " + file + ": " + e.getMessage(),
                    "check that the reports directory is writable, or choose another with --report");
        }
    }

    Path file() {
        return file;
    }

    /** The lines of one batch (or of the work outside batches), kept until its commit. */
    final class Lines {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);

        /** One line, {@code {"key":1,"outcome":"migrated","reason":"IBAN"}}: written by hand, since a large run writes millions. */
        void add(Object key, String outcome, String reason) {
            bytes.writeBytes(KEY);
            if (key instanceof Long || key instanceof Integer || key instanceof Short) {
                bytes.writeBytes(Long.toString(((Number) key).longValue()).getBytes(StandardCharsets.US_ASCII));
            } else {
                bytes.writeBytes(quote(String.valueOf(key), false));
            }
            bytes.writeBytes(OUTCOME);
            bytes.writeBytes(quote(outcome, true));
            if (reason != null) {
                bytes.writeBytes(REASON);
                bytes.writeBytes(quote(reason, true));
            }
            bytes.writeBytes(END);
        }

        /** Drops them (their batch rolled back). */
        void discard() {
            bytes.reset();
        }
    }

    Lines lines() {
        return new Lines();
    }

    /** {@code text} as a JSON string in UTF-8; kept for the next time when it is a reason, not a key. */
    private byte[] quote(String text, boolean repeats) {
        byte[] done = repeats ? quoted.get(text) : null;
        if (done == null) {
            byte[] inner = JsonStringEncoder.getInstance().quoteAsUTF8(text);
            done = new byte[inner.length + 2];
            done[0] = '"';
            System.arraycopy(inner, 0, done, 1, inner.length);
            done[done.length - 1] = '"';
            if (repeats && quoted.size() < QUOTED_KEPT) {
                quoted.put(text, done);
            }
        }
        return done;
    }

    /** Appends {@code batch}'s lines and forces them to disk; the log's length after them. */
    long write(Lines batch) {
        try {
            if (batch.bytes.size() == 0) {
                return channel.position(); // a batch without per-record outcomes (an UPDATE without RETURNING): nothing to force
            }
            ByteBuffer bytes = ByteBuffer.wrap(batch.bytes.toByteArray());
            batch.bytes.reset();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
            return channel.position();
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "writing the outcome log " + file + " failed: " + e.getMessage(),
                    "check the disk; the batch was not committed, and the next run goes on from the last committed one");
        }
    }

    long length() {
        try {
            return channel.position();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the log was forced at each commit: nothing committed is lost by a failed close
        }
    }
}

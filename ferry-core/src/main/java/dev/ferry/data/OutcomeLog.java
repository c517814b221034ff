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
import java.util.HashMap;
import java.util.Map;

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
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1 << 16);
    private final Map<String, byte[]> quoted = new HashMap<>();

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

    /** One line, {@code {"key":1,"outcome":"migrated","reason":"IBAN"}}: written by hand, since a large run writes millions. */
    void add(Object key, String outcome, String reason) {
        pending.writeBytes(KEY);
        if (key instanceof Long || key instanceof Integer || key instanceof Short) {
            pending.writeBytes(Long.toString(((Number) key).longValue()).getBytes(StandardCharsets.US_ASCII));
        } else {
            pending.writeBytes(quote(String.valueOf(key), false));
        }
        pending.writeBytes(OUTCOME);
        pending.writeBytes(quote(outcome, true));
        if (reason != null) {
            pending.writeBytes(REASON);
            pending.writeBytes(quote(reason, true));
        }
        pending.writeBytes(END);
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

    /** Writes the lines added since the last call and forces them to disk; the log's length after them. */
    long flush() {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(pending.toByteArray());
            pending.reset();
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

    /** Drops the lines added since the last flush (a batch rolled back). */
    void discard() {
        pending.reset();
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

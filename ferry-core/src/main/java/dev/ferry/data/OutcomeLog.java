package dev.ferry.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A data migration's per-record outcomes as JSON lines ({@code {"key":…,"outcome":"migrated"}}). Lines
 * are buffered until the batch's commit, then written and forced to disk; the log's length after them is
 * stored with the batch's checkpoint, so that a run that died before its commit cuts the log back to the
 * committed length and no record shows twice.
 */
final class OutcomeLog implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private final Path file;
    private final FileChannel channel;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1 << 16);
    private final JsonGenerator lines;

    private OutcomeLog(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.lines = JSON.createGenerator(pending);
        this.lines.setRootValueSeparator(null);
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

    void add(Object key, String outcome, String reason) {
        try {
            lines.writeStartObject();
            lines.writeFieldName("key");
            if (key instanceof Long || key instanceof Integer || key instanceof Short) {
                lines.writeNumber(((Number) key).longValue());
            } else {
                lines.writeString(String.valueOf(key));
            }
            lines.writeStringField("outcome", outcome);
            if (reason != null) {
                lines.writeStringField("reason", reason);
            }
            lines.writeEndObject();
            lines.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the lines added since the last call and forces them to disk; the log's length after them. */
    long flush() {
        try {
            lines.flush();
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
        try {
            lines.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            lines.close();
            channel.close();
        } catch (IOException e) {
            // the log was forced at each commit: nothing committed is lost by a failed close
        }
    }
}

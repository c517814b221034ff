package dev.ferry.cli;

import dev.ferry.connect.SecretMask;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes output through the run's {@link SecretMask} a line at a time, so no secret reaches the
 * terminal, a log or a pipe even when a driver or library puts one into a message.
 */
final class RedactingOutputStream extends OutputStream {
    private final OutputStream target;
    private final SecretMask mask;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    RedactingOutputStream(OutputStream target, SecretMask mask) {
        this.target = target;
        this.mask = mask;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        emit();
        target.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void emit() throws IOException {
        if (line.size() == 0) {
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        target.write(mask.apply(text).getBytes(StandardCharsets.UTF_8));
    }
}

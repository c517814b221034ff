package dev.ferry.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Bytes handed from one thread to another through a bounded queue of chunks: the writer blocks
 * while {@code chunks} chunks wait, the reader while none does, and each wakes the moment the other
 * acts (java.io's PipedInputStream polls once a second, which stalls a stream that runs dry often).
 * Closing the read end makes the writer's next write fail, so a reader that gave up never leaves
 * the writer blocked.
 */
final class StreamPipe {
    private static final byte[] END = new byte[0];
    /** Handed on instead of END when the writer failed: the reader's next read fails too, rather than seeing a clean end. */
    private static final byte[] ABORTED = new byte[0];
    private static final int CHUNK = 1 << 16;
    private final BlockingQueue<byte[]> queue;
    private volatile boolean readerClosed;
    private volatile String abortedBecause;
    private final Output output = new Output();
    private final Input input = new Input();

    StreamPipe(int chunks) {
        this.queue = new ArrayBlockingQueue<>(chunks);
    }

    OutputStream output() {
        return output;
    }

    /** Ends the stream as failed (the writer could not finish it); see {@link #output()}. */
    void abort(String because) throws IOException {
        output.abort(because);
    }

    InputStream input() {
        return input;
    }

    private final class Output extends OutputStream {
        private byte[] chunk = new byte[CHUNK];
        private int used;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, CHUNK - used);
                System.arraycopy(b, off, chunk, used, n);
                used += n;
                off += n;
                len -= n;
                if (used == CHUNK) {
                    hand(chunk);
                    chunk = new byte[CHUNK];
                    used = 0;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (used > 0) {
                hand(Arrays.copyOf(chunk, used));
            }
            hand(END);
        }

        /** Ends the stream as failed: the reader gets an IOException saying {@code because}, never a clean end. */
        void abort(String because) throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            abortedBecause = because;
            hand(ABORTED);
        }

        private void hand(byte[] bytes) throws IOException {
            try {
                while (!queue.offer(bytes, 100, TimeUnit.MILLISECONDS)) {
                    if (readerClosed) {
                        throw new IOException("the reading end of the pipe was closed");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while handing bytes on");
            }
        }
    }

    private final class Input extends InputStream {
        private byte[] chunk;
        private int next;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!ended && (chunk == null || next == chunk.length)) {
                try {
                    chunk = queue.take();
                    next = 0;
                    if (chunk == ABORTED) {
                        throw new IOException("the stream was cut off where it was read: " + abortedBecause);
                    }
                    ended = chunk == END;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for bytes");
                }
            }
            if (ended) {
                return -1;
            }
            int n = Math.min(len, chunk.length - next);
            System.arraycopy(chunk, next, b, off, n);
            next += n;
            return n;
        }

        @Override
        public void close() {
            readerClosed = true;
            queue.clear();
        }
    }
}

package dev.ferry.stream;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamPipeTest {

    @Test
    void bytesArriveWholeAndInOrderAcrossChunks() throws Exception {
        StreamPipe pipe = new StreamPipe(2);
        byte[] sent = new byte[300_000];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 31);
        }
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = pipe.input()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (OutputStream out = pipe.output()) {
            out.write(sent, 0, 1000);
            out.write(sent, 1000, sent.length - 1000);
        }
        assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo(sent);
    }

    @Test
    void anAbortedStreamFailsItsReaderInsteadOfEndingCleanly() throws Exception {
        StreamPipe pipe = new StreamPipe(4);
        pipe.output().write(new byte[] {1, 2, 3});
        pipe.abort("the source session was ended");
        InputStream in = pipe.input();
        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("cut off").hasMessageContaining("source session was ended");
    }

    @Test
    void aWriterIsNotLeftBlockedWhenItsReaderGaveUp() throws Exception {
        StreamPipe pipe = new StreamPipe(1);
        pipe.input().close();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try (OutputStream out = pipe.output()) {
                out.write(new byte[1 << 20]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThatThrownBy(() -> writing.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class).hasMessageContaining("reading end");
    }
}

package dev.ferry.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Utf8Test {

    @Test
    void dropsTheByteOrderMarkOnly() {
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\n'};
        assertThat(Utf8.decode(withBom, bad -> new IllegalStateException(bad.toString()))).isEqualTo("a\n");
        assertThat(Utf8.decode("é\uFEFF".getBytes(StandardCharsets.UTF_8), bad -> new IllegalStateException(bad.toString()))).isEqualTo("é\uFEFF");
    }

    @Test
    void namesTheFirstBadByteItsOffsetAndLine() {
        byte[] latin1 = "a\nb\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Utf8.decode(latin1, bad -> new IllegalStateException(bad.offset() + "," + bad.line() + " " + bad.hex())))
                .hasMessage("7,3 0xE9");
        byte[] cut = {'a', (byte) 0xC3};
        assertThatThrownBy(() -> Utf8.decode(cut, bad -> new IllegalStateException(bad.offset() + "," + bad.line() + " " + bad.hex())))
                .hasMessage("1,1 0xC3");
    }
}

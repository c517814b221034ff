package dev.ferry.mysql;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** LOAD DATA's text format written and split into rows again, fed in pieces of every size. */
class LoadDataTextTest {

    private static byte[] text(byte[][]... rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoadDataText text = new LoadDataText(out);
        for (byte[][] row : rows) {
            for (int i = 0; i < row.length; i++) {
                text.field(row[i], i == row.length - 1);
            }
        }
        text.flush();
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void escapesWhatLoadDataReadsSpeciallyAndNothingElse() throws Exception {
        byte[] written = text(new byte[][] {utf8("a\tb\nc\\d"), null, {0, 10, 92, 9, 13, (byte) 0xff}, utf8("\\N")});
        assertThat(new String(written, StandardCharsets.ISO_8859_1))
                .isEqualTo("a\\tb\\nc\\\\d\t\\N\t\\0\\n\\\\\\t\r\u00ff\t\\\\N\n");
    }

    @Test
    void rowsAreSplitAtUnescapedNewlinesWhateverThePieces() throws Exception {
        byte[] written = text(new byte[][] {utf8("one\\"), utf8("x")}, new byte[][] {utf8("two\n\n"), null}, new byte[][] {utf8(""), utf8("")});
        for (int piece = 1; piece <= written.length; piece++) {
            LoadDataFramer framer = new LoadDataFramer();
            List<String> rows = new ArrayList<>();
            for (int at = 0; at < written.length; at += piece) {
                framer.feed(written, at, Math.min(piece, written.length - at),
                        (b, o, l) -> rows.add(new String(b, o, l, StandardCharsets.UTF_8)));
            }
            assertThat(rows).as("pieces of %d bytes", piece).containsExactly("one\\\\\tx", "two\\n\\n\t\\N", "\t");
            assertThat(framer.complete()).isTrue();
        }
    }

    @Test
    void aStreamCutInsideARowIsIncomplete() throws Exception {
        byte[] written = text(new byte[][] {utf8("a")}, new byte[][] {utf8("b\\")});
        LoadDataFramer framer = new LoadDataFramer();
        List<String> rows = new ArrayList<>();
        framer.feed(written, 0, written.length - 2, (b, o, l) -> rows.add(new String(b, o, l, StandardCharsets.UTF_8)));
        assertThat(rows).containsExactly("a");
        assertThat(framer.complete()).isFalse();
    }
}

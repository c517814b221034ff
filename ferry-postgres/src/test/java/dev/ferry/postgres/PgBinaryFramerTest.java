package dev.ferry.postgres;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The framer gives the same rows however the stream is cut into pieces: one row a piece (as pgjdbc writes), any size, all at once. */
class PgBinaryFramerTest {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    /** A stream of {@code rows} rows of three fields (one NULL every few rows), and each row's bytes. */
    private static byte[] stream(int rows, List<byte[]> eachRow) throws IOException {
        Random random = new Random(7);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(all);
        out.write(SIGNATURE);
        out.writeInt(0);
        out.writeInt(0);
        for (int r = 0; r < rows; r++) {
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            DataOutputStream row = new DataOutputStream(one);
            row.writeShort(3);
            row.writeInt(8);
            row.writeLong(r);
            if (r % 5 == 0) {
                row.writeInt(-1);
            } else {
                byte[] text = new byte[random.nextInt(300)];
                random.nextBytes(text);
                row.writeInt(text.length);
                row.write(text);
            }
            row.writeInt(0);
            eachRow.add(one.toByteArray());
            out.write(one.toByteArray());
        }
        out.writeShort(-1);
        return all.toByteArray();
    }

    private static List<byte[]> framed(PgBinaryFramer framer, byte[] stream, int[] cuts) throws IOException {
        List<byte[]> rows = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            framer.feed(stream, from, cut - from, (b, o, l) -> rows.add(Arrays.copyOfRange(b, o, o + l)));
            from = cut;
        }
        return rows;
    }

    @Test
    void rowsAreTheSameHoweverTheStreamIsCut() throws IOException {
        List<byte[]> expected = new ArrayList<>();
        byte[] stream = stream(2_000, expected);
        int header = SIGNATURE.length + 8;
        int[] perRow = new int[expected.size() + 2];
        perRow[0] = header;
        int at = header;
        for (int i = 0; i < expected.size(); i++) {
            at += expected.get(i).length;
            perRow[i + 1] = at;
        }
        perRow[expected.size() + 1] = stream.length;
        Random random = new Random(11);
        List<Integer> randomCuts = new ArrayList<>();
        for (int c = random.nextInt(50); c < stream.length; c += 1 + random.nextInt(700)) {
            randomCuts.add(c);
        }
        randomCuts.add(stream.length);
        for (int[] cuts : List.of(perRow, new int[] {stream.length}, randomCuts.stream().mapToInt(Integer::intValue).toArray())) {
            PgBinaryFramer framer = new PgBinaryFramer();
            List<byte[]> rows = framed(framer, stream, cuts);
            assertThat(rows).hasSize(expected.size());
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i)).isEqualTo(expected.get(i));
            }
            assertThat(framer.complete()).isTrue();
        }
    }

    @Test
    void aStreamCutShortOrWithBytesAfterItsTrailerIsNotComplete() throws IOException {
        byte[] stream = stream(10, new ArrayList<>());
        PgBinaryFramer cutShort = new PgBinaryFramer();
        framed(cutShort, stream, new int[] {stream.length - 3});
        assertThat(cutShort.complete()).isFalse();
        PgBinaryFramer withMore = new PgBinaryFramer();
        byte[] longer = Arrays.copyOf(stream, stream.length + 1);
        framed(withMore, longer, new int[] {SIGNATURE.length + 8, longer.length});
        assertThat(withMore.complete()).isFalse();
    }
}

package dev.ferry.sqlite;

import dev.ferry.spi.FileBackup;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A table's rows, size and content checksum, "xxh64-sum-sqlite-values": each row's values, in the
 * order of the table's columns, are written as a type tag (0 NULL, 1 INTEGER, 2 REAL, 3 TEXT,
 * 4 BLOB) and their bytes (INTEGER and REAL: 8 bytes big-endian, REAL as its IEEE 754 bits; TEXT
 * as UTF-8 and BLOB as is, each after its length in 4 bytes big-endian); the row is hashed with
 * XXH64 (seed 0) and the hashes are added modulo 2^64. It depends only on the values and their
 * storage classes, not on how the file lays them out, so any SQLite version, any page size and any
 * row order give the same sum; generated columns are left out, as they follow from the others.
 */
final class SqliteTableChecksum {
    static final String NAME = "xxh64-sum-sqlite-values";
    private static final XXHash64 HASH = XXHashFactory.fastestInstance().hash64();
    private static final byte NULL = 0;
    private static final byte INTEGER = 1;
    private static final byte REAL = 2;
    private static final byte TEXT = 3;
    private static final byte BLOB = 4;

    private ByteBuffer row = ByteBuffer.allocate(1 << 12);

    private SqliteTableChecksum() {
    }

    static FileBackup.TableContents of(Connection c, String table) throws SQLException {
        List<String> columns = columns(c, table);
        boolean utf8 = utf8(c);
        SqliteTableChecksum encoder = new SqliteTableChecksum();
        long rows = 0;
        long bytes = 0;
        long sum = 0;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(select(table, columns))) {
            while (r.next()) {
                encoder.row.clear();
                String types = r.getString(1);
                for (int i = 0; i < columns.size(); i++) {
                    encoder.value(r, i + 2, types.charAt(i), utf8);
                }
                rows++;
                bytes += encoder.row.position();
                sum += HASH.hash(encoder.row.array(), 0, encoder.row.position(), 0);
            }
        }
        return new FileBackup.TableContents(table, columns, rows, bytes, HexFormat.of().toHexDigits(sum));
    }

    /**
     * The row's storage classes first, one letter a column ("itrbn": integer, text, real, blob,
     * null), then the values: one string a row tells each value's class, so each value is read
     * once, as what it is, and a NULL not at all.
     */
    private static String select(String table, List<String> columns) {
        String types = String.join(" || ", columns.stream().map(col -> "substr(typeof(" + quote(col) + "), 1, 1)").toList());
        return "select " + types + ", " + String.join(", ", columns.stream().map(SqliteTableChecksum::quote).toList()) + " from " + quote(table);
    }

    private void value(ResultSet r, int i, char type, boolean utf8) throws SQLException {
        switch (type) {
            case 'n' -> room(1).put(NULL);
            case 'i' -> room(9).put(INTEGER).putLong(r.getLong(i));
            case 'r' -> room(9).put(REAL).putLong(Double.doubleToLongBits(r.getDouble(i)));
            case 't' -> {
                // In a UTF-8 file the stored bytes themselves, so that even text that is not valid UTF-8 is hashed exactly.
                byte[] b = utf8 ? r.getBytes(i) : r.getString(i).getBytes(StandardCharsets.UTF_8);
                room(5 + b.length).put(TEXT).putInt(b.length).put(b);
            }
            case 'b' -> {
                byte[] b = r.getBytes(i);
                int length = b == null ? 0 : b.length; // the driver may answer an empty blob with null
                room(5 + length).put(BLOB).putInt(length).put(b == null ? new byte[0] : b);
            }
            default -> throw new SQLException("unexpected storage class '" + type + "' in column " + (i - 1));
        }
    }

    private ByteBuffer room(int needed) {
        if (row.remaining() < needed) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(row.capacity() * 2, row.position() + needed));
            bigger.put(row.array(), 0, row.position());
            row = bigger;
        }
        return row;
    }

    /** The table's columns in order, without generated ones (table_info leaves those out). */
    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("pragma table_info(" + quote(table) + ")")) {
            while (r.next()) {
                columns.add(r.getString("name"));
            }
        }
        return columns;
    }

    private static boolean utf8(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("pragma encoding")) {
            return r.next() && r.getString(1).equalsIgnoreCase("UTF-8");
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}

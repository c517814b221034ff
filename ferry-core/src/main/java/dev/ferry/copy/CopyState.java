package dev.ferry.copy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.spi.Dialect;
import dev.ferry.stream.StreamCount;
import dev.ferry.stream.TableRef;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ferry_copy_state} on the target: the parts a copy moves (tables and key ranges, numbered),
 * each marked copied in the very transaction that loaded its rows, so after a crash a part is
 * either in the target with its checkpoint or in neither; and the phase the copy reached. Part 0 is
 * the copy itself. Dropped when the copy has finished and been checked.
 */
final class CopyState {
    static final String TABLE = "ferry_copy_state";
    static final String DATA = "data";
    static final String POST_DATA = "post-data";
    /** The copy was verified and differs from its source: it is not resumed, only started again. */
    static final String VERIFY_FAILED = "verify-failed";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A part's note: how many rows the target rejected into the rejects file. */
    private static final String REJECTED = "rejected ";

    /** One part as planned, with what was loaded when it is done (null before), and the rows the target rejected (--max-rejects). */
    record Part(int id, TableRef table, StreamCount copied, long rejected) {
        Part(int id, TableRef table, StreamCount copied) {
            this(id, table, copied, 0);
        }

        boolean done() {
            return copied != null;
        }
    }

    /**
     * A copy the target holds the state of: where it came from, how far it got, and its parts.
     *
     * @param mode   how it was asked for: "full", "data-only" or "schema-only", and the tables named (none: all)
     */
    record Saved(String from, String phase, String mode, List<String> tables, List<Part> parts) {
    }

    private CopyState() {
    }

    /** Creates the table with the copy's plan, in the caller's transaction; the plan as saved, no part copied yet. */
    static Saved create(Connection c, String from, String mode, List<String> tables, List<TableRef> parts) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + TABLE + " (part INTEGER PRIMARY KEY, table_schema VARCHAR(255), table_name VARCHAR(255),"
                    + " columns_json TEXT NOT NULL, where_sql TEXT, rows_copied BIGINT, bytes_copied BIGINT, checksum VARCHAR(16), note TEXT,"
                    + " copied_at TIMESTAMP)");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + TABLE + " (part, table_schema, table_name, columns_json, where_sql, note)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setInt(1, 0);
            p.setString(2, null);
            p.setString(3, null);
            p.setString(4, json(tables));
            p.setString(5, mode);
            p.setString(6, DATA + " " + from);
            p.addBatch();
            for (int i = 0; i < parts.size(); i++) {
                TableRef t = parts.get(i);
                p.setInt(1, i + 1);
                p.setString(2, t.schema());
                p.setString(3, t.name());
                p.setString(4, json(t.columns()));
                p.setString(5, t.where());
                p.setString(6, null);
                p.addBatch();
            }
            p.executeBatch();
        }
        List<Part> planned = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            planned.add(new Part(i + 1, parts.get(i), null));
        }
        return new Saved(from, DATA, mode, List.copyOf(tables), planned);
    }

    /** The state of an unfinished copy on the target, if there is one. */
    static Optional<Saved> read(Connection c, Dialect dialect) throws SQLException {
        if (dialect.tables(c).stream().noneMatch(t -> t.name().equals(TABLE))) {
            return Optional.empty();
        }
        String from = null;
        String phase = null;
        String mode = null;
        List<String> tables = List.of();
        List<Part> parts = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT part, table_schema, table_name, columns_json, where_sql,"
                + " rows_copied, bytes_copied, checksum, note FROM " + TABLE + " ORDER BY part")) {
            while (r.next()) {
                if (r.getInt(1) == 0) {
                    String[] note = r.getString(9).split(" ", 2);
                    phase = note[0];
                    from = note.length > 1 ? note[1] : "?";
                    mode = r.getString(5) == null ? "full" : r.getString(5);
                    tables = columns(r.getString(4));
                    continue;
                }
                TableRef t = new TableRef(r.getString(2), r.getString(3), columns(r.getString(4)), r.getString(5));
                String checksum = r.getString(8);
                String note = r.getString(9);
                long rejected = note != null && note.startsWith(REJECTED) ? Long.parseLong(note.substring(REJECTED.length())) : 0;
                parts.add(new Part(r.getInt(1), t, checksum == null ? null : new StreamCount(r.getLong(6), r.getLong(7), checksum), rejected));
            }
        }
        return Optional.of(new Saved(from, phase, mode, tables, parts));
    }

    /** Marks part {@code id} copied, in the transaction that loaded it. */
    static void copied(Connection c, int id, StreamCount loaded) throws SQLException {
        copied(c, id, loaded, 0);
    }

    /** Marks part {@code id} copied with {@code rejected} rows set aside, in the transaction that loaded it. */
    static void copied(Connection c, int id, StreamCount loaded, long rejected) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + TABLE + " SET rows_copied = ?, bytes_copied = ?, checksum = ?, note = ?,"
                + " copied_at = CURRENT_TIMESTAMP WHERE part = ? AND checksum IS NULL")) {
            p.setLong(1, loaded.rows());
            p.setLong(2, loaded.bytes());
            p.setString(3, loaded.checksum());
            p.setString(4, rejected == 0 ? null : REJECTED + rejected);
            p.setInt(5, id);
            if (p.executeUpdate() != 1) {
                throw new SQLException("part " + id + " of the copy is already marked copied: two copies into one target at once?");
            }
        }
    }

    /** Records the phase reached, in the caller's transaction. */
    static void phase(Connection c, String phase, String from) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + TABLE + " SET note = ? WHERE part = 0")) {
            p.setString(1, phase + " " + from);
            p.executeUpdate();
        }
    }

    static void drop(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + TABLE);
        }
    }

    /** Per table (by qualified name, in part order) the parts of it. */
    static Map<String, List<Part>> byTable(List<Part> parts) {
        Map<String, List<Part>> tables = new LinkedHashMap<>();
        parts.forEach(p -> tables.computeIfAbsent(p.table().qualifiedName(), k -> new ArrayList<>()).add(p));
        return tables;
    }

    private static String json(List<String> columns) {
        try {
            return JSON.writeValueAsString(columns);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> columns(String json) throws SQLException {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException(TABLE + " holds columns Ferry cannot read (" + e.getOriginalMessage() + "): it was edited by hand", e);
        }
    }
}

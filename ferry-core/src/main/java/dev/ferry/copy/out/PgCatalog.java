package dev.ferry.copy.out;

import dev.ferry.schema.model.Table;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a copy out of PostgreSQL needs of each table from the source's catalog, on the
 * session that holds the copy's snapshot: columns with their types as PostgreSQL prints them,
 * identities and serials with the value their sequence gives next, keys, plain indexes and
 * foreign keys as column lists (the forms every database can declare), and what is left out.
 */
public final class PgCatalog {
    private static final String RELATION = "(quote_ident(?) || '.' || quote_ident(?))::regclass";
    private static final String COLUMNS = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typtype, t.typcategory, a.attnotnull,"
            + " pg_get_expr(d.adbin, d.adrelid), a.attidentity <> '' OR coalesce(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%',"
            + " pg_get_serial_sequence(" + RELATION + "::text, a.attname), a.attgenerated <> '',"
            + " CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END"
            + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " WHERE a.attrelid = " + RELATION + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    private static final String KEYS = "SELECT k.contype, ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, o)"
            + " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o), f.relname,"
            + " ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.confrelid"
            + " AND a.attnum = u.n ORDER BY u.o), k.confdeltype, k.confupdtype, k.conname"
            + " FROM pg_constraint k LEFT JOIN pg_class f ON f.oid = k.confrelid WHERE k.conrelid = " + RELATION
            + " AND k.contype IN ('p', 'u', 'f', 'c', 'x') ORDER BY k.conname";
    private static final String INDEXES = "SELECT c.relname, i.indisunique, i.indexprs IS NULL AND i.indpred IS NULL AND am.amname = 'btree',"
            + " ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = i.indrelid"
            + " AND a.attnum = u.n ORDER BY u.o), i.indnkeyatts"
            + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam WHERE i.indrelid = " + RELATION
            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid) ORDER BY c.relname";

    private PgCatalog() {
    }

    /** The tables of the copy, as the source's catalog describes them now. */
    public static List<PgTable> read(Connection src, List<Table> tables) throws SQLException {
        List<PgTable> read = new ArrayList<>();
        for (Table t : tables) {
            if (!t.isPartition()) {
                read.add(table(src, t.schema(), t.name()));
            }
        }
        return read;
    }

    private static PgTable table(Connection src, String schema, String name) throws SQLException {
        List<PgColumn> columns = new ArrayList<>();
        try (PreparedStatement p = src.prepareStatement(COLUMNS)) {
            p.setString(1, schema);
            p.setString(2, name);
            p.setString(3, schema);
            p.setString(4, name);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String sequence = r.getString(8);
                    columns.add(new PgColumn(r.getString(1), r.getString(2), r.getString(3).charAt(0), r.getString(4).charAt(0), r.getBoolean(5),
                            r.getString(6), r.getBoolean(7), sequence == null ? 0 : nextValue(src, sequence), r.getBoolean(9), strings(r.getArray(10))));
                }
            }
        }
        List<String> key = new ArrayList<>();
        List<List<String>> uniques = new ArrayList<>();
        List<List<String>> indexes = new ArrayList<>();
        List<PgTable.ForeignKey> foreignKeys = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        try (PreparedStatement p = relation(src, KEYS, schema, name); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                List<String> cols = strings(r.getArray(2));
                switch (r.getString(1)) {
                    case "p" -> key.addAll(cols);
                    case "u" -> uniques.add(cols);
                    case "f" -> foreignKeys.add(new PgTable.ForeignKey(cols, r.getString(3), strings(r.getArray(4)), action(r.getString(5)),
                            action(r.getString(6))));
                    case "c" -> leftOut.add("check constraint " + r.getString(7) + " (PostgreSQL's SQL)");
                    default -> leftOut.add("exclusion constraint " + r.getString(7));
                }
            }
        }
        try (PreparedStatement p = relation(src, INDEXES, schema, name); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                List<String> cols = strings(r.getArray(4));
                if (!r.getBoolean(3) || cols.size() != r.getInt(5)) {
                    leftOut.add("index " + r.getString(1) + " (on an expression, partial, with INCLUDE columns or not a b-tree)");
                } else {
                    (r.getBoolean(2) ? uniques : indexes).add(cols);
                }
            }
        }
        return new PgTable(schema, name, columns, key, uniques, indexes, foreignKeys, leftOut);
    }

    private static PreparedStatement relation(Connection src, String sql, String schema, String name) throws SQLException {
        PreparedStatement p = src.prepareStatement(sql);
        p.setString(1, schema);
        p.setString(2, name);
        return p;
    }

    /** What the sequence gives next: its last value plus one once it was used, else its start. */
    private static long nextValue(Connection src, String sequence) throws SQLException {
        try (PreparedStatement p = src.prepareStatement("SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM " + sequence)) {
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private static String action(String code) {
        return switch (code) {
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            case "r" -> "RESTRICT";
            default -> "NO ACTION";
        };
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}

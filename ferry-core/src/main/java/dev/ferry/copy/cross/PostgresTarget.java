package dev.ferry.copy.cross;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a copy into PostgreSQL reads from the target's catalog, and the identity positions it sets there. */
public final class PostgresTarget {
    /**
     * A target column.
     *
     * @param type     as {@code format_type} prints it ("numeric(10,2)")
     * @param enumType   a PostgreSQL enum, whose binary form is its label
     * @param hasDefault a default or identity fills it when a load leaves it out
     */
    public record TargetColumn(String type, boolean enumType, boolean notNull, boolean hasDefault) {
        public boolean temporal() {
            return type.startsWith("date") || type.startsWith("timestamp");
        }
    }

    private PostgresTarget() {
    }

    public static String currentSchema(Connection target) throws SQLException {
        try (Statement s = target.createStatement(); ResultSet r = s.executeQuery("SELECT current_schema()")) {
            r.next();
            return r.getString(1);
        }
    }

    /** The table's columns by name, in order; empty when there is no such table. */
    public static Map<String, TargetColumn> columns(Connection target, String schema, String table) throws SQLException {
        Map<String, TargetColumn> columns = new LinkedHashMap<>();
        try (PreparedStatement p = target.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod), ty.typtype = 'e', a.attnotnull,"
                + " a.atthasdef OR a.attidentity <> ''"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_type ty ON ty.oid = a.atttypid WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum")) {
            p.setString(1, schema);
            p.setString(2, table);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    columns.put(r.getString(1), new TargetColumn(r.getString(2), r.getBoolean(3), r.getBoolean(4), r.getBoolean(5)));
                }
            }
        }
        return columns;
    }

    /** The foreign keys among the target's tables: each referring table ("schema.table") with the tables it refers to. */
    public static Map<String, java.util.Set<String>> references(Connection target) throws SQLException {
        Map<String, java.util.Set<String>> references = new LinkedHashMap<>();
        try (Statement s = target.createStatement(); ResultSet r = s.executeQuery("SELECT ns.nspname || '.' || cs.relname, nt.nspname || '.' || ct.relname"
                + " FROM pg_constraint k JOIN pg_class cs ON cs.oid = k.conrelid JOIN pg_namespace ns ON ns.oid = cs.relnamespace"
                + " JOIN pg_class ct ON ct.oid = k.confrelid JOIN pg_namespace nt ON nt.oid = ct.relnamespace WHERE k.contype = 'f'")) {
            while (r.next()) {
                references.computeIfAbsent(r.getString(1), k -> new java.util.LinkedHashSet<>()).add(r.getString(2));
            }
        }
        return references;
    }

    /** Whether the table holds any row: one row read, not a count of them all. */
    public static boolean holdsRows(Connection c, String quotedTable) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + quotedTable + ")")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    public static long count(Connection c, String quotedTable) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + quotedTable)) {
            r.next();
            return r.getLong(1);
        }
    }
}

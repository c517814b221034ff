package dev.ferry.testkit;

import dev.ferry.spi.SqlSplitter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Chinook sample database (MIT, Luis Rocha; see fixtures/chinook/LICENSE.md) in its
 * PostgreSQL, MySQL and SQLite forms, and the row counts every form must show.
 */
public final class Chinook {
    /** Row counts per table, by name with case and underscores folded ("invoiceline"). */
    public static final Map<String, Long> COUNTS = Map.ofEntries(
            Map.entry("album", 347L), Map.entry("artist", 275L), Map.entry("customer", 59L),
            Map.entry("employee", 8L), Map.entry("genre", 25L), Map.entry("invoice", 412L),
            Map.entry("invoiceline", 2240L), Map.entry("mediatype", 5L), Map.entry("playlist", 18L),
            Map.entry("playlisttrack", 8715L), Map.entry("track", 3503L));

    private static final String DIR = "/fixtures/chinook/";

    private Chinook() {
    }

    /** "InvoiceLine", "invoice_line" -> "invoiceline", to compare the three forms' names. */
    public static String fold(String tableName) {
        return tableName.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Folded table name -> row count, from whatever a dialect listed. */
    public static Map<String, Long> folded(Map<String, Long> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(fold(k), v));
        return out;
    }

    public static void loadIntoPostgres(Connection c) throws SQLException {
        load(c, resource("Chinook_PostgreSql.sql"), false);
    }

    public static void loadIntoMySql(Connection c) throws SQLException {
        load(c, resource("Chinook_MySql.sql"), true);
    }

    /** A private copy of the SQLite file, so a test may change it. */
    public static Path sqliteCopy(Path dir) {
        try (InputStream in = Chinook.class.getResourceAsStream(DIR + "Chinook_Sqlite.sqlite")) {
            Path target = dir.resolve("chinook.sqlite");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script's statements in one batch, leaving out the database-level ones (drop/create/use). */
    private static void load(Connection c, String script, boolean backslashEscapes) throws SQLException {
        String withoutMetaCommands = script.lines().filter(l -> !l.startsWith("\\")).collect(Collectors.joining("\n"));
        List<SqlSplitter.Statement> statements = SqlSplitter.split(withoutMetaCommands, backslashEscapes);
        try (Statement s = c.createStatement()) {
            for (SqlSplitter.Statement st : statements) {
                String head = st.sql().replaceAll("(?s)/\\*.*?\\*/", "").strip().toUpperCase(Locale.ROOT);
                if (!head.startsWith("DROP DATABASE") && !head.startsWith("CREATE DATABASE") && !head.startsWith("USE ")) {
                    s.addBatch(st.sql());
                }
            }
            s.executeBatch();
        }
    }

    static String resource(String name) {
        try (InputStream in = Chinook.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

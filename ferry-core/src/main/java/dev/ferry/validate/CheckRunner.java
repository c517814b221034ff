package dev.ferry.validate;

import dev.ferry.report.Formats;
import dev.ferry.spi.TableStats;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one check and judges what it found. A table or column that does not exist, or SQL the
 * database refuses, makes a failed check that says so; it never stops the run.
 */
final class CheckRunner {
    private static final int MAX_CELL = 200;
    private static final int MAX_BUCKETS_READ = 10_000;

    private final Catalog catalog;
    private final CheckSql sql;
    private final Connection connection;
    private final Optional<BaselineManifest> baseline;
    private final TableFingerprints fingerprints;

    CheckRunner(Catalog catalog, CheckSql sql, Connection connection, Optional<BaselineManifest> baseline, TableFingerprints fingerprints) {
        this.catalog = catalog;
        this.sql = sql;
        this.connection = connection;
        this.baseline = baseline;
        this.fingerprints = fingerprints;
    }

    CheckResult run(Check check) {
        Found found = new Found(check);
        try {
            dispatch(check, found);
        } catch (CheckProblem e) {
            found.fail(e.getMessage());
        } catch (SQLException e) {
            found.fail("the database refused the check's SQL: " + Formats.firstLine(e.getMessage()));
        }
        return found.result();
    }

    /** Java 17 has no pattern switch: one branch per kind of the sealed {@link Check}. */
    private void dispatch(Check check, Found found) throws SQLException, CheckProblem {
        if (check instanceof Check.RowCount c) {
            rowCount(c, found);
        } else if (check instanceof Check.NotNull c) {
            notNull(c, found);
        } else if (check instanceof Check.Unique c) {
            unique(c, found);
        } else if (check instanceof Check.ForeignKey c) {
            foreignKey(c, found);
        } else if (check instanceof Check.ColumnPresence c) {
            columnPresence(c, found);
        } else if (check instanceof Check.Sql c) {
            sqlCheck(c, found);
        } else if (check instanceof Check.Distribution c) {
            distribution(c, found);
        } else if (check instanceof Check.Sample c) {
            sample(c, found);
        } else if (check instanceof Check.TablesIntact c) {
            tablesIntact(c, found);
        }
    }

    /** Every baseline table but the excepted ones, read again and compared by rows and checksum; each that differs is a failing row. */
    private void tablesIntact(Check.TablesIntact c, Found found) throws CheckProblem {
        BaselineManifest manifest = baseline.orElseThrow();
        List<BaselineManifest.Table> compared = manifest.tables().stream()
                .filter(t -> c.except().stream().noneMatch(e -> e.name().equals(t.name()) && (e.schema() == null || e.schema().equals(t.schema()))))
                .toList();
        if (compared.stream().anyMatch(t -> t.checksum() == null || t.columns() == null)) {
            throw new CheckProblem("the baseline " + manifest.file() + " has no checksums: take it with ferry backup");
        }
        java.util.Map<String, dev.ferry.stream.StreamCount> now = fingerprints.of(compared);
        List<List<String>> differing = new ArrayList<>();
        for (BaselineManifest.Table t : compared) {
            dev.ferry.stream.StreamCount n = now.get(t.schema() == null ? t.name() : t.schema() + "." + t.name());
            if (n == null || n.rows() != t.rows() || !n.checksum().equals(t.checksum())) {
                differing.add(List.of(t.schema() == null ? t.name() : t.schema() + "." + t.name(), String.valueOf(t.rows()),
                        n == null ? "missing" : String.valueOf(n.rows()), n == null || n.checksum().equals(t.checksum()) ? "equal" : "differs"));
            }
        }
        found.rows(new Rows(List.of("table", "rows (baseline)", "rows (now)", "content"), differing.stream().limit(ValidateRun.ROW_LIMIT).toList(),
                differing.size()));
        found.rowsFound(differing.size());
        found.judge(differing.isEmpty(), differing.isEmpty() ? compared.size() + " tables as in the baseline, row for row"
                : differing.size() + " of " + compared.size() + " tables differ from the baseline"
                + (c.except().isEmpty() ? "" : " (not counting " + c.except().size() + " excepted)"));
    }

    private void rowCount(Check.RowCount c, Found found) throws SQLException, CheckProblem {
        TableStats table = catalog.table(c.table());
        long rows = scalar(found.query(sql.count(table)));
        String counted = Formats.count(rows) + " rows";
        if (c.baseline()) {
            BaselineManifest manifest = baseline.orElseThrow();
            BaselineManifest.Table entry = manifest.find(table.schema(), table.name())
                    .orElseThrow(() -> new CheckProblem(table.qualifiedName() + " is not in the baseline " + manifest.file()));
            if (entry.rows() == null) {
                throw new CheckProblem(table.qualifiedName() + " has no row count in the baseline " + manifest.file());
            }
            found.judge(rows == entry.rows(), counted + ", baseline " + Formats.count(entry.rows()) + difference(rows, entry.rows()));
        } else if (c.equals() != null) {
            found.judge(rows == c.equals(), counted + ", expected " + Formats.count(c.equals()) + difference(rows, c.equals()));
        } else {
            boolean inRange = (c.min() == null || rows >= c.min()) && (c.max() == null || rows <= c.max());
            found.judge(inRange, counted + ", expected " + (c.min() == null ? "at most " + Formats.count(c.max())
                    : c.max() == null ? "at least " + Formats.count(c.min()) : Formats.count(c.min()) + " to " + Formats.count(c.max())));
        }
    }

    private static String difference(long rows, long expected) {
        return rows == expected ? "" : rows > expected ? ": " + Formats.count(rows - expected) + " more" : ": " + Formats.count(expected - rows) + " fewer";
    }

    private void notNull(Check.NotNull c, Found found) throws SQLException, CheckProblem {
        TableStats table = catalog.table(c.table());
        List<String> columns = columns(table, c.columns());
        long nulls = scalar(sql.nullCount(table, columns));
        if (nulls > 0) {
            rows(found.query(sql.nullRows(table, columns, ValidateRun.ROW_LIMIT)), found);
        }
        found.rowsFound(nulls);
        found.judge(nulls == 0, nulls == 0 ? "no NULL in " + String.join(", ", columns)
                : Formats.count(nulls) + (nulls == 1 ? " row has" : " rows have") + " NULL in " + String.join(" or ", columns));
    }

    private void unique(Check.Unique c, Found found) throws SQLException, CheckProblem {
        TableStats table = catalog.table(c.table());
        List<String> columns = columns(table, c.columns());
        long keys = scalar(sql.duplicateCount(table, columns));
        if (keys > 0) {
            rows(found.query(sql.duplicateRows(table, columns, ValidateRun.ROW_LIMIT)), found);
        }
        found.rowsFound(keys);
        found.judge(keys == 0, keys == 0 ? "every (" + String.join(", ", columns) + ") is unique"
                : Formats.count(keys) + (keys == 1 ? " value" : " values") + " of (" + String.join(", ", columns) + ")"
                        + (keys == 1 ? " occurs" : " occur") + " more than once");
    }

    private void foreignKey(Check.ForeignKey c, Found found) throws SQLException, CheckProblem {
        TableStats table = catalog.table(c.table());
        String column = catalog.column(table, c.column());
        TableStats referenced = catalog.table(c.referenced());
        String referencedColumn = catalog.column(referenced, c.referencedColumn());
        long orphans = scalar(sql.orphanCount(table, column, referenced, referencedColumn));
        if (orphans > 0) {
            rows(found.query(sql.orphanRows(table, column, referenced, referencedColumn, ValidateRun.ROW_LIMIT)), found);
        }
        found.rowsFound(orphans);
        String link = table.qualifiedName() + "." + column + " → " + referenced.qualifiedName() + "." + referencedColumn;
        found.judge(orphans == 0, orphans == 0 ? "every " + link + " is found"
                : Formats.count(orphans) + (orphans == 1 ? " orphan: " : " orphans: ") + link + " not found");
    }

    private void columnPresence(Check.ColumnPresence c, Found found) throws SQLException, CheckProblem {
        TableStats table = catalog.table(c.table());
        boolean there = catalog.hasColumn(table, c.column());
        String name = table.qualifiedName() + "." + c.column();
        if (c.present()) {
            found.judge(there, there ? name + " exists" : name + " does not exist (its columns: " + String.join(", ", catalog.columns(table)) + ")");
        } else {
            found.judge(!there, there ? name + " is still there" : name + " is gone");
        }
    }

    private void sqlCheck(Check.Sql c, Found found) throws SQLException {
        found.query(c.query());
        Rows rows = read(c.query(), ValidateRun.ROW_LIMIT);
        found.rows(rows);
        if (c.expectNone()) {
            found.rowsFound(rows.total());
            found.judge(rows.total() == 0, rows.total() == 0 ? "no rows, as expected" : Formats.count(rows.total()) + " rows, expected none");
            return;
        }
        if (rows.total() != 1 || rows.columns().size() != 1) {
            found.fail("returned " + Formats.count(rows.total()) + " rows of " + rows.columns().size() + " columns; expect: "
                    + c.expected() + " compares one value (write expect: none for a query that must return no rows)");
            return;
        }
        String value = rows.values().get(0).get(0);
        found.judge(sameValue(value, c.expected()), "returned " + shown(value) + ", expected " + shown(c.expected()));
    }

    /** Numbers compare as numbers (0 = 0.00), everything else as text; PostgreSQL's t/f as true/false. */
    private static boolean sameValue(String value, String expected) {
        if (value == null || expected == null) {
            return value == null && expected == null;
        }
        try {
            return new BigDecimal(value.strip()).compareTo(new BigDecimal(expected.strip())) == 0;
        } catch (NumberFormatException notNumbers) {
            return value.equals(expected) || (value.equals("t") && expected.equals("true")) || (value.equals("f") && expected.equals("false"));
        }
    }

    private static String shown(String value) {
        return value == null ? "NULL" : value;
    }

    private void distribution(Check.Distribution c, Found found) throws SQLException, CheckProblem {
        TableStats table = catalog.table(c.table());
        Rows groups = read(found.query(sql.distribution(table, c.expression())), MAX_BUCKETS_READ);
        long total = 0;
        for (List<String> g : groups.values()) {
            total += Long.parseLong(g.get(1));
        }
        List<CheckResult.Bucket> buckets = new ArrayList<>();
        long others = total;
        for (List<String> g : groups.values().subList(0, Math.min(c.buckets(), groups.values().size()))) {
            long n = Long.parseLong(g.get(1));
            buckets.add(new CheckResult.Bucket(shown(g.get(0)), n, percent(n, total), false));
            others -= n;
        }
        if (others > 0) {
            buckets.add(new CheckResult.Bucket("(" + (groups.total() - buckets.size()) + " other values)", others, percent(others, total), true));
        }
        found.buckets(buckets);
        found.rowsFound(total);
        found.report(Formats.count(groups.total()) + (groups.total() == 1 ? " value" : " values") + " over " + Formats.count(total) + " rows");
    }

    private static double percent(long n, long total) {
        return total == 0 ? 0 : Math.round(n * 1000.0 / total) / 10.0;
    }

    private void sample(Check.Sample c, Found found) throws SQLException, CheckProblem {
        TableStats table = catalog.table(c.table());
        Rows rows = read(found.query(sql.sample(table, c.rows())), c.rows());
        found.rows(rows);
        found.rowsFound(rows.total());
        found.report("first " + rows.total() + (rows.total() == 1 ? " row of " : " rows of ") + table.qualifiedName());
    }

    private List<String> columns(TableStats table, List<String> names) throws SQLException, CheckProblem {
        List<String> stored = new ArrayList<>();
        for (String name : names) {
            stored.add(catalog.column(table, name));
        }
        return stored;
    }

    private long scalar(String query) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void rows(String query, Found found) throws SQLException {
        found.rows(read(query, ValidateRun.ROW_LIMIT));
    }

    /** The first {@code keep} rows as text (long values cut), and how many rows there were in all. */
    private Rows read(String query, int keep) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(query)) {
            ResultSetMetaData meta = r.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<List<String>> values = new ArrayList<>();
            long total = 0;
            while (r.next()) {
                total++;
                if (values.size() < keep) {
                    values.add(row(r, columns.size()));
                }
            }
            return new Rows(List.copyOf(columns), List.copyOf(values), total);
        }
    }

    private static List<String> row(ResultSet r, int columns) throws SQLException {
        List<String> row = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
            String v = r.getString(i);
            row.add(v == null ? null : v.length() > MAX_CELL ? v.substring(0, MAX_CELL) + "…" : v);
        }
        return java.util.Collections.unmodifiableList(row);
    }

    record Rows(List<String> columns, List<List<String>> values, long total) {
    }

    /** What a check found so far; becomes its {@link CheckResult}. */
    private static final class Found {
        private final Check check;
        private final long start = System.nanoTime();
        private String outcome;
        private String summary;
        private String query;
        private Rows rows = new Rows(List.of(), List.of(), 0);
        private long rowsFound;
        private List<CheckResult.Bucket> buckets = List.of();

        Found(Check check) {
            this.check = check;
        }

        String query(String text) {
            query = text;
            return text;
        }

        void rows(Rows r) {
            rows = r;
        }

        void rowsFound(long n) {
            rowsFound = n;
        }

        void buckets(List<CheckResult.Bucket> b) {
            buckets = List.copyOf(b);
        }

        void judge(boolean passed, String what) {
            outcome = passed ? CheckResult.PASSED : CheckResult.FAILED;
            summary = what;
        }

        void fail(String what) {
            judge(false, what);
        }

        void report(String what) {
            outcome = CheckResult.REPORT;
            summary = what;
        }

        CheckResult result() {
            return new CheckResult(check.name(), check.kind().key(), check.line(), outcome, summary, query,
                    rows.columns(), rows.values(), rowsFound, buckets, (System.nanoTime() - start) / 1_000_000);
        }
    }
}

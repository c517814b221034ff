package dev.ferry.data;

import dev.ferry.migrate.MigrationVersion;
import dev.ferry.spi.SqlSplitter;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code D<version>__<description>.sql}: statements that change rows. With a {@code -- ferry:batch}
 * directive they run once per key range ({@code :from}, {@code :to}), each range committed with its
 * checkpoint; without one, once, in one transaction. A statement that returns rows ({@code RETURNING
 * id, … AS outcome, … AS reason}) gives the per-record outcomes: its first column is the record's key,
 * a column {@code outcome} says migrated, skipped or error (migrated when there is none), a column
 * {@code reason} why. A {@code .verify.sql} beside it is a query whose rows are what is wrong (none:
 * passed); a {@code .down.sql} undoes it.
 */
final class SqlDataMigration extends FileDataMigration {
    private static final int VERIFY_SHOWN = 5;
    private final String sql;
    private final BatchDirective batch;
    private final String verifySql;
    private final String downSql;
    private final boolean backslashEscapes;

    SqlDataMigration(MigrationVersion version, String description, Path file, String sql, BatchDirective batch, String verifySql, String downSql,
                     boolean backslashEscapes) {
        super(version, description, file);
        this.sql = sql;
        this.batch = batch;
        this.verifySql = verifySql;
        this.downSql = downSql;
        this.backslashEscapes = backslashEscapes;
    }

    @Override
    public String kind() {
        return batch == null ? "sql" : "sql batched";
    }

    @Override
    public String checksum() {
        return sql + "\n--verify\n" + (verifySql == null ? "" : verifySql) + "\n--down\n" + (downSql == null ? "" : downSql);
    }

    @Override
    public boolean reversible() {
        return downSql != null;
    }

    @Override
    public void up(DataContext context) throws Exception {
        List<String> statements = statements(sql);
        if (batch == null) {
            run(context.connection(), statements, null, null, context);
        } else {
            context.ranges(batch.table(), batch.key(), batch.size(), b -> run(b.connection(), statements, (Long) b.from(), (Long) b.to(), b));
        }
    }

    @Override
    public Verdict verify(DataContext context) throws SQLException {
        if (verifySql == null) {
            return null;
        }
        List<String> wrong = new ArrayList<>();
        long count = 0;
        for (String query : statements(verifySql)) {
            try (PreparedStatement p = context.connection().prepareStatement(query); ResultSet r = p.executeQuery()) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    if (count++ < VERIFY_SHOWN) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.append(i > 1 ? ", " : "").append(meta.getColumnLabel(i)).append('=').append(r.getString(i));
                        }
                        wrong.add(row.toString());
                    }
                }
            }
        }
        Path verifyFile = companion("verify");
        return count == 0 ? Verdict.pass(verifyFile.getFileName() + " found nothing wrong")
                : Verdict.fail(verifyFile.getFileName() + " found " + count + " row" + (count == 1 ? "" : "s") + " wrong: " + String.join("; ", wrong)
                        + (count > VERIFY_SHOWN ? "; …" : ""));
    }

    @Override
    public void down(DataContext context) throws SQLException {
        if (downSql == null) {
            throw new UnsupportedOperationException("D" + id() + " has no " + companion("down").getFileName());
        }
        run(context.connection(), statements(downSql), null, null, context);
    }

    /** {@code D1__x.verify.sql} or {@code D1__x.down.sql} beside the file. */
    Path companion(String suffix) {
        String name = file().getFileName().toString();
        return file().resolveSibling(name.substring(0, name.length() - ".sql".length()) + "." + suffix + ".sql");
    }

    private List<String> statements(String text) {
        return SqlSplitter.split(text, backslashEscapes).stream().map(SqlSplitter.Statement::sql).toList();
    }

    /** Runs the statements with {@code :from} and {@code :to} bound; rows they return are per-record outcomes, update counts are migrated rows. */
    private static void run(Connection c, List<String> statements, Long from, Long to, Outcomes outcomes) throws SQLException {
        for (String statement : statements) {
            BoundSql bound = BoundSql.of(statement);
            try (PreparedStatement p = c.prepareStatement(bound.sql())) {
                for (int i = 0; i < bound.names().size(); i++) {
                    p.setLong(i + 1, bound.names().get(i).equals("from") ? from : to);
                }
                if (p.execute()) {
                    try (ResultSet r = p.getResultSet()) {
                        record(r, outcomes);
                    }
                } else {
                    outcomes.migratedRows(Math.max(0, p.getUpdateCount()));
                }
            }
        }
    }

    private static void record(ResultSet r, Outcomes outcomes) throws SQLException {
        ResultSetMetaData meta = r.getMetaData();
        int outcome = column(meta, "outcome");
        int reason = column(meta, "reason");
        while (r.next()) {
            Object key = r.getObject(1);
            String what = outcome == 0 ? "migrated" : r.getString(outcome);
            String why = reason == 0 ? null : r.getString(reason);
            if (what == null || what.equals("migrated")) {
                outcomes.migrated(key, why);
            } else if (what.equals("skipped")) {
                outcomes.skipped(key, why);
            } else if (what.equals("error")) {
                outcomes.error(key, why);
            } else {
                throw new SQLException("the statement returned outcome '" + what + "' for key " + key + ": it should be migrated, skipped or error");
            }
        }
    }

    private static int column(ResultSetMetaData meta, String label) throws SQLException {
        for (int i = 2; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnLabel(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        return 0;
    }
}

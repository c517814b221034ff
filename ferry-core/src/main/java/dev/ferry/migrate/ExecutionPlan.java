package dev.ferry.migrate;

import dev.ferry.spi.SqlSplitter;

import java.util.List;

/**
 * How one migration file will run: its statements, and whether inside one transaction; when not,
 * why not, in words for messages ("line 2 (CREATE INDEX CONCURRENTLY …) cannot run inside a transaction").
 */
record ExecutionPlan(MigrationFile file, List<SqlSplitter.Statement> statements, boolean transactional, String whyStatementByStatement) {

    /** The first statement that is transaction control of the file's own, or null. */
    SqlSplitter.Statement ownTransactionControl() {
        return statements.stream().filter(TransactionControl::isControl).findFirst().orElse(null);
    }

    /** "CREATE INDEX CONCURRENTLY x ON t (id)" on one line, cut after 60 characters. */
    static String firstWords(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "…" : oneLine;
    }
}

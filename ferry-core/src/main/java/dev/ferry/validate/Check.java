package dev.ferry.validate;

import java.util.List;

/**
 * One declared check of checks.yaml, as read: what to look at, not yet how (that is {@link CheckSql}).
 * {@code line} is where the check starts in the file, for messages and the report.
 */
public sealed interface Check {

    String name();

    CheckKind kind();

    int line();

    /** A row count equal to the baseline's, to {@code equals}, or within {@code min}..{@code max} (either may be null). */
    record RowCount(String name, int line, TableRef table, boolean baseline, Long equals, Long min, Long max) implements Check {
        public CheckKind kind() {
            return CheckKind.ROW_COUNT;
        }
    }

    /** No row with a NULL in any of {@code columns}. */
    record NotNull(String name, int line, TableRef table, List<String> columns) implements Check {
        public CheckKind kind() {
            return CheckKind.NOT_NULL;
        }
    }

    /** No two rows with the same {@code columns} (rows with a NULL in them are left out, as a UNIQUE constraint does). */
    record Unique(String name, int line, TableRef table, List<String> columns) implements Check {
        public CheckKind kind() {
            return CheckKind.UNIQUE;
        }
    }

    /** Every non-NULL {@code column} of {@code table} found in {@code referencedColumn} of {@code referenced}. */
    record ForeignKey(String name, int line, TableRef table, String column, TableRef referenced, String referencedColumn) implements Check {
        public CheckKind kind() {
            return CheckKind.FOREIGN_KEY;
        }
    }

    /** A column that must be there ({@code present}) or must be gone. */
    record ColumnPresence(String name, int line, TableRef table, String column, boolean present) implements Check {
        public CheckKind kind() {
            return present ? CheckKind.COLUMN_EXISTS : CheckKind.COLUMN_ABSENT;
        }
    }

    /** A query whose single value must equal {@code expected}, or which must return no rows ({@code expectNone}). */
    record Sql(String name, int line, String query, String expected, boolean expectNone) implements Check {
        public CheckKind kind() {
            return CheckKind.SQL;
        }
    }

    /** Report only: rows counted per value of {@code expression}, the {@code buckets} largest shown. */
    record Distribution(String name, int line, TableRef table, String expression, int buckets) implements Check {
        public CheckKind kind() {
            return CheckKind.DISTRIBUTION;
        }
    }

    /** Report only: the first {@code rows} rows of a table. */
    record Sample(String name, int line, TableRef table, int rows) implements Check {
        public CheckKind kind() {
            return CheckKind.SAMPLE;
        }
    }

    /** Every table of the baseline with its row count and content checksum unchanged, but the tables named in {@code except}. */
    record TablesIntact(String name, int line, List<TableRef> except) implements Check {
        public CheckKind kind() {
            return CheckKind.TABLES_INTACT_KIND;
        }
    }
}

package dev.ferry.validate;

import dev.ferry.spi.Dialect;
import dev.ferry.spi.TableStats;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of every check kind, in one place. It is written to run unchanged on PostgreSQL, MariaDB
 * and SQLite (LIMIT, GROUP BY by position, NOT EXISTS); only identifiers are the dialect's, quoted
 * by {@link Dialect#quoteIdentifier}. Names come from the catalog ({@link Catalog}), as stored.
 */
final class CheckSql {
    private final Dialect dialect;

    CheckSql(Dialect dialect) {
        this.dialect = dialect;
    }

    String count(TableStats table) {
        return "select count(*) from " + dialect.qualify(table);
    }

    String nullCount(TableStats table, List<String> columns) {
        return "select count(*) from " + dialect.qualify(table) + " where " + anyNull(columns);
    }

    String nullRows(TableStats table, List<String> columns, int limit) {
        return "select * from " + dialect.qualify(table) + " where " + anyNull(columns) + " limit " + limit;
    }

    /** How many distinct keys occur more than once. */
    String duplicateCount(TableStats table, List<String> columns) {
        return "select count(*) from (" + duplicates(table, columns) + ") d";
    }

    /** Each duplicated key with how many rows hold it, most repeated first. */
    String duplicateRows(TableStats table, List<String> columns, int limit) {
        return duplicates(table, columns) + " order by count(*) desc limit " + limit;
    }

    private String duplicates(TableStats table, List<String> columns) {
        String key = list(columns);
        return "select " + key + ", count(*) as " + q("rows") + " from " + dialect.qualify(table)
                + " where " + columns.stream().map(c -> q(c) + " is not null").collect(Collectors.joining(" and "))
                + " group by " + key + " having count(*) > 1";
    }

    String orphanCount(TableStats table, String column, TableStats referenced, String referencedColumn) {
        return "select count(*) from " + orphans(table, column, referenced, referencedColumn);
    }

    String orphanRows(TableStats table, String column, TableStats referenced, String referencedColumn, int limit) {
        return "select c.* from " + orphans(table, column, referenced, referencedColumn) + " limit " + limit;
    }

    /** Rows whose key is set and found nowhere in the referenced column: declared constraint or not. */
    private String orphans(TableStats table, String column, TableStats referenced, String referencedColumn) {
        return dialect.qualify(table) + " c where c." + q(column) + " is not null and not exists (select 1 from "
                + dialect.qualify(referenced) + " p where p." + q(referencedColumn) + " = c." + q(column) + ")";
    }

    String distribution(TableStats table, String expression) {
        return "select " + expression + " as " + q("value") + ", count(*) as " + q("rows") + " from " + dialect.qualify(table)
                + " group by 1 order by 2 desc, 1";
    }

    String sample(TableStats table, int rows) {
        return "select * from " + dialect.qualify(table) + " limit " + rows;
    }

    private String anyNull(List<String> columns) {
        return columns.stream().map(c -> q(c) + " is null").collect(Collectors.joining(" or "));
    }

    private String list(List<String> columns) {
        return columns.stream().map(this::q).collect(Collectors.joining(", "));
    }

    private String q(String identifier) {
        return dialect.quoteIdentifier(identifier);
    }
}

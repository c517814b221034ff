package dev.ferry.spi;

/**
 * Marks a dialect whose DDL statements take part in transactions, so a failed migration can be
 * rolled back whole (PostgreSQL, SQLite; not MySQL/MariaDB, where each DDL statement commits).
 */
public interface TransactionalDdl {
}

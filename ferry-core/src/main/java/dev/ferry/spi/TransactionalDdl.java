package dev.ferry.spi;

/**
 * Marks a dialect whose DDL statements take part in transactions, so a failed migration can be
 * rolled back whole (PostgreSQL, SQLite; not MySQL/MariaDB, where each DDL statement commits).
 */
public interface TransactionalDdl {

    /**
     * Whether this statement refuses to run inside a transaction block (PostgreSQL:
     * CREATE INDEX CONCURRENTLY, VACUUM, CREATE DATABASE, ALTER TYPE … ADD VALUE before 12, …);
     * a migration holding one runs statement by statement instead.
     */
    boolean cannotRunInTransaction(String statement, int serverMajorVersion);
}

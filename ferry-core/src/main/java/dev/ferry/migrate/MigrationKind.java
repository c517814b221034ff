package dev.ferry.migrate;

/** The kinds of migration file and history entry. */
public enum MigrationKind {
    /** {@code V1__name.sql} or a Prisma {@code migration.sql}: applied once, in version order. */
    VERSIONED,
    /** {@code U1__name.sql}: reverts the versioned migration of the same version. */
    UNDO,
    /** {@code R__name.sql}: applied again whenever its content changes, after the versioned ones. */
    REPEATABLE,
    /** A history entry that says "the database already has everything up to this version". */
    BASELINE
}

package dev.ferry.schema;

/**
 * One difference between two schemas and the statements that remove it.
 *
 * @param phase       where it goes in the script, so each statement finds what it needs
 * @param object      e.g. "column public.users.email"
 * @param summary     e.g. "missing", "default differs"
 * @param sql         one or more statements, each ending without a semicolon, separated by ";\n"
 * @param destructive drops data (a table, a column, a narrowing type change): commented out unless allowed
 */
public record SchemaChange(Phase phase, String object, String summary, String sql, boolean destructive) {

    /**
     * Script order: what others depend on is created first and dropped last. {@code ENUM_LABELS}
     * (ALTER TYPE … ADD VALUE) comes first, apart: a label must commit before anything may use it.
     * A partition is detached after the parent's indexes and constraints are dropped, which takes
     * the partition's shares along instead of leaving them on it as its own.
     */
    public enum Phase {
        ENUM_LABELS, CREATE_SCHEMAS, DROP_TRIGGERS, DROP_POLICIES, DROP_VIEWS, DROP_FOREIGN_KEYS, DROP_INDEXES,
        DROP_CONSTRAINTS, DETACH_PARTITIONS, DROP_DEPENDENT_ROUTINES, TYPES, SEQUENCES, ROUTINES_BEFORE_TABLES, TABLES, COLUMNS, SEQUENCE_OWNERS,
        ROUTINES_AFTER_TABLES, ADD_CONSTRAINTS, ATTACH_PARTITIONS, ADD_INDEXES, ADD_FOREIGN_KEYS, CREATE_VIEWS, CREATE_TRIGGERS,
        CREATE_POLICIES, COMMENTS, OWNERS, DROP_COLUMNS, DROP_TABLES, DROP_ROUTINES, DROP_SEQUENCES, DROP_TYPES, DROP_SCHEMAS
    }
}

package dev.ferry.spi;

import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.Comment;
import dev.ferry.schema.model.Constraint;
import dev.ferry.schema.model.Domain;
import dev.ferry.schema.model.EnumType;
import dev.ferry.schema.model.Extension;
import dev.ferry.schema.model.Index;
import dev.ferry.schema.model.Policy;
import dev.ferry.schema.model.Routine;
import dev.ferry.schema.model.RowSecurity;
import dev.ferry.schema.model.Sequence;
import dev.ferry.schema.model.Table;
import dev.ferry.schema.model.Trigger;
import dev.ferry.schema.model.View;

import java.util.List;

/**
 * The statements of a repair script in one dialect. The diff decides what changes and in which
 * order; this says how each change is written. Object kinds a dialect never inspects (SQLite has
 * no sequences) keep the default, which refuses.
 */
public interface SchemaSql {

    /** Session settings the script starts with when it has any change. */
    default List<String> preamble() {
        return List.of();
    }

    /**
     * Whether the script wraps its changes in BEGIN … COMMIT, so that a failing statement leaves
     * nothing half-done. New enum labels then come first, outside it: they must commit before use.
     */
    default boolean scriptInOneTransaction() {
        return false;
    }

    /**
     * CREATE TABLE with columns and all constraints but foreign keys, which come once every table
     * exists, unless {@link #foreignKeysInCreateTable()}.
     */
    String createTable(Table t);

    /** Whether CREATE TABLE declares the foreign keys too (SQLite, which cannot add them later). */
    default boolean foreignKeysInCreateTable() {
        return false;
    }

    String dropTable(Table t);

    String addColumn(Table t, Column c);

    String dropColumn(Table t, Column c);

    /** Statements that change {@code from} into {@code to}: type, default, nullability. */
    List<String> alterColumn(Table t, Column from, Column to);

    String addConstraint(Table t, Constraint c);

    String dropConstraint(Table t, Constraint c);

    default String createIndex(Table t, Index i) {
        return i.definition();
    }

    /** Drops index {@code i} of table or materialized view {@code relation} in {@code schema} (null: the connection's own). */
    String dropIndex(String schema, String relation, Index i);

    /** Whether changing a column's type from one to the other may lose or reject data. */
    boolean narrows(String fromType, String toType);

    /**
     * Whether a rebuild's copy may leave out rows for a reason the columns and constraints do not
     * show: SQLite's STRICT refuses a value whose type its column's affinity cannot give it.
     */
    default boolean rejectsValues(Table from, Table to) {
        return false;
    }

    /**
     * Whether {@code from} can become {@code to} by ALTER statements. When not (SQLite cannot add a
     * foreign key or change a column), the diff rebuilds the table with {@link #rebuildTable}.
     */
    default boolean altersInPlace(Table from, Table to) {
        return true;
    }

    /**
     * Statements that replace {@code from} by {@code to} keeping the rows of the columns both have,
     * indexes included. The copy must not be able to fail on a row, since the DROP after it runs
     * anyway in a shell that goes on after an error: a NULL in a column that becomes NOT NULL with
     * a default gets the default, and a row that breaks the target's constraints is left out
     * (the diff marks that destructive, counted by {@link SchemaInspection#rebuildRows}).
     * {@code rowsLeftOut} is how many rows the diff accepts losing (0 unless destructive; empty
     * when they could not be counted): a copy that comes up shorter than that keeps the old table.
     */
    default List<String> rebuildTable(Table from, Table to, java.util.OptionalLong rowsLeftOut) {
        throw unsupported("rebuilt tables");
    }

    default String createSchema(String schema) {
        throw unsupported("schemas");
    }

    default String dropSchema(String schema) {
        throw unsupported("schemas");
    }

    default String createExtension(Extension e) {
        throw unsupported("extensions");
    }

    default String dropExtension(Extension e) {
        throw unsupported("extensions");
    }

    default String createEnum(EnumType e) {
        throw unsupported("enums");
    }

    /** ADD VALUE statements when {@code to} only inserts labels into {@code from}; empty when that is not enough. */
    default List<String> addEnumValues(EnumType from, EnumType to) {
        throw unsupported("enums");
    }

    /**
     * Replaces the type by one with {@code to}'s labels: every column of {@code from.usedBy()} is
     * converted through text. {@code defaults} gives each such column's default in the target
     * ({@code table.column} key), which has to be dropped during the conversion.
     */
    default List<String> recreateEnum(EnumType from, EnumType to, java.util.Map<String, String> defaults) {
        throw unsupported("enums");
    }

    default String dropEnum(EnumType e) {
        throw unsupported("enums");
    }

    default String createDomain(Domain d) {
        throw unsupported("domains");
    }

    /** ALTER DOMAIN statements; empty when the base type differs, which ALTER cannot change. */
    default List<String> alterDomain(Domain from, Domain to) {
        throw unsupported("domains");
    }

    default String dropDomain(Domain d) {
        throw unsupported("domains");
    }

    /** CREATE SEQUENCE without its owner, which is set once its table exists. */
    default String createSequence(Sequence s) {
        throw unsupported("sequences");
    }

    default String alterSequence(Sequence s) {
        throw unsupported("sequences");
    }

    default String sequenceOwner(Sequence s) {
        throw unsupported("sequences");
    }

    default String dropSequence(Sequence s) {
        throw unsupported("sequences");
    }

    /** Creates the routine or replaces one of the same signature. */
    default String createRoutine(Routine r) {
        throw unsupported("functions");
    }

    default String dropRoutine(Routine r) {
        throw unsupported("functions");
    }

    /** CREATE VIEW or CREATE MATERIALIZED VIEW, then the materialized view's indexes. */
    default List<String> createView(View v) {
        throw unsupported("views");
    }

    default String dropView(View v) {
        throw unsupported("views");
    }

    default String createTrigger(Table t, Trigger tr) {
        return tr.definition();
    }

    default String dropTrigger(Table t, Trigger tr) {
        throw unsupported("triggers");
    }

    /** SET LOGGED or SET UNLOGGED, as {@code t.unlogged()} says. */
    default String setLogged(Table t) {
        throw unsupported("unlogged tables");
    }

    /** ENABLE/DISABLE and FORCE/NO FORCE ROW LEVEL SECURITY statements that turn {@code from} into {@code to}. */
    default List<String> alterRowSecurity(Table t, RowSecurity from, RowSecurity to) {
        throw unsupported("row-level security");
    }

    default String createPolicy(Table t, Policy p) {
        return p.definition();
    }

    default String dropPolicy(Table t, Policy p) {
        throw unsupported("policies");
    }

    /** Makes partition {@code t} a table of its own; {@code t.partitioning()} names its parent. */
    default String detachPartition(Table t) {
        throw unsupported("partitions");
    }

    /** Makes {@code t} a partition of the parent with the bound {@code t.partitioning()} names. */
    default String attachPartition(Table t) {
        throw unsupported("partitions");
    }

    /** COMMENT ON, or its removal when {@code text} is null. */
    default String comment(String target, String text) {
        throw unsupported("comments");
    }

    default String comment(Comment c) {
        return comment(c.target(), c.text());
    }

    /** ALTER … OWNER TO, for {@code target} as {@link dev.ferry.schema.model.Ownership} names it. */
    default String owner(String target, String role) {
        throw unsupported("owners");
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " writes no " + what);
    }
}

package dev.ferry.schema;

import dev.ferry.schema.SchemaChange.Phase;

import java.util.List;

/**
 * What {@code ferry diff} found between two databases.
 *
 * @param from           the redacted URL of the schema to change
 * @param to             the redacted URL of the schema to reach
 * @param preamble       session settings the script starts with (PostgreSQL: function bodies are checked once all exists)
 * @param changes        in script order
 * @param oneTransaction whether the script wraps its changes in BEGIN … COMMIT (PostgreSQL), after a first
 *                       part of new enum labels that must commit on their own
 */
public record DiffResult(String from, String to, List<String> preamble, List<SchemaChange> changes, boolean oneTransaction) {

    /** A result whose script runs statement by statement (databases without transactional DDL). */
    public DiffResult(String from, String to, List<String> preamble, List<SchemaChange> changes) {
        this(from, to, preamble, changes, false);
    }

    /** The repair script: every change in order; destructive ones commented out unless allowed. */
    public String script(boolean allowDestructive) {
        StringBuilder sb = new StringBuilder("-- ferry diff: turns ").append(from).append(" into ").append(to).append('\n');
        if (changes.isEmpty()) {
            return sb.append("-- no differences\n").toString();
        }
        List<SchemaChange> labels = oneTransaction ? changes.stream().filter(c -> c.phase() == Phase.ENUM_LABELS).toList() : List.of();
        List<SchemaChange> rest = changes.stream().filter(c -> !labels.contains(c)).toList();
        if (!labels.isEmpty() && rest.isEmpty()) {
            labels.forEach(c -> append(sb, c, allowDestructive));
            return sb.toString();
        }
        if (!labels.isEmpty()) {
            sb.append("\n-- Part 1 of 2: new enum labels, each committed on its own (not inside BEGIN … COMMIT):\n")
                    .append("-- ALTER TYPE … ADD VALUE must commit before a statement of part 2 may use the label.\n");
            labels.forEach(c -> append(sb, c, allowDestructive));
            sb.append("\n-- Part 2 of 2: every other change, in one transaction.\n");
        }
        if (oneTransaction) {
            sb.append(labels.isEmpty() ? "-- In one transaction: if a statement fails, nothing is changed.\n" : "").append("BEGIN;\n");
        }
        preamble.forEach(p -> sb.append(p).append(";\n"));
        rest.forEach(c -> append(sb, c, allowDestructive));
        if (oneTransaction) {
            sb.append("\nCOMMIT;\n");
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, SchemaChange c, boolean allowDestructive) {
        sb.append("\n-- ").append(c.object()).append(": ").append(c.summary()).append('\n');
        if (c.destructive() && !allowDestructive) {
            sb.append("-- DESTRUCTIVE, left out (run ferry diff with --allow-destructive to include it):\n-- ")
                    .append(c.sql().replace("\n", "\n-- ")).append(";\n");
        } else {
            sb.append(c.sql()).append(";\n");
        }
    }

    public long destructive() {
        return changes.stream().filter(SchemaChange::destructive).count();
    }
}

package dev.ferry.schema;

import java.util.List;

/**
 * What {@code ferry diff} found between two databases.
 *
 * @param from     the redacted URL of the schema to change
 * @param to       the redacted URL of the schema to reach
 * @param preamble session settings the script starts with (PostgreSQL: function bodies are checked once all exists)
 * @param changes  in script order
 */
public record DiffResult(String from, String to, List<String> preamble, List<SchemaChange> changes) {

    /** The repair script: every change in order; destructive ones commented out unless allowed. */
    public String script(boolean allowDestructive) {
        StringBuilder sb = new StringBuilder("-- ferry diff: turns ").append(from).append(" into ").append(to).append('\n');
        if (changes.isEmpty()) {
            return sb.append("-- no differences\n").toString();
        }
        preamble.forEach(p -> sb.append(p).append(";\n"));
        for (SchemaChange c : changes) {
            sb.append("\n-- ").append(c.object()).append(": ").append(c.summary()).append('\n');
            if (c.destructive() && !allowDestructive) {
                sb.append("-- DESTRUCTIVE, left out (run ferry diff with --allow-destructive to include it):\n-- ")
                        .append(c.sql().replace("\n", "\n-- ")).append(";\n");
            } else {
                sb.append(c.sql()).append(";\n");
            }
        }
        return sb.toString();
    }

    public long destructive() {
        return changes.stream().filter(SchemaChange::destructive).count();
    }
}

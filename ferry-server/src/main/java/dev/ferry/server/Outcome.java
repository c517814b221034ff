package dev.ferry.server;

/**
 * What a change did: the value the CLI prints with --json, the text it prints without (kept in the
 * job's log), and whether it passed (a backup verification that found a difference did not: exit 1).
 */
public record Outcome(Object value, String text, boolean passed) {

    public static Outcome passed(Object value, String text) {
        return new Outcome(value, text, true);
    }
}

package dev.ferry.report;

import dev.ferry.migrate.AppliedMigration;
import dev.ferry.migrate.ChangeResult;
import dev.ferry.migrate.MigrateResult;
import dev.ferry.migrate.MigrationState;
import dev.ferry.migrate.MigrationStatus;
import dev.ferry.migrate.Migrations;
import dev.ferry.migrate.StatusResult;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The migration commands' results for a terminal. */
public final class MigrationText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private MigrationText() {
    }

    public static String migrate(MigrateResult r, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        switch (r.mode()) {
            case "dry-run" -> {
                sb.append(ansi.bold("Dry run")).append(" against ").append(r.url()).append(": ").append(count(r.applied().size()))
                        .append(" would run, nothing was changed.\n");
                r.warnings().forEach(w -> sb.append(ansi.yellow("  note: ")).append(w).append('\n'));
                for (AppliedMigration a : r.applied()) {
                    sb.append('\n').append(ansi.bold("-- " + name(a) + " (" + a.script() + ")")).append('\n').append(a.sql().strip()).append('\n');
                }
            }
            case "rehearse" -> {
                r.applied().forEach(a -> sb.append("  rehearsed ").append(name(a)).append(" (").append(a.script()).append(") in ")
                        .append(Formats.millis(a.executionMs())).append('\n'));
                r.warnings().forEach(w -> sb.append(ansi.yellow("  warning: ")).append(w).append('\n'));
                sb.append(ansi.green("Rehearsal succeeded")).append(": ").append(count(r.applied().size()))
                        .append(" ran inside one transaction that was rolled back; nothing was changed.\n");
            }
            default -> {
                r.applied().forEach(a -> sb.append("  applied ").append(name(a)).append(" (").append(a.script()).append(") in ")
                        .append(Formats.millis(a.executionMs())).append(a.transactional() ? "" : ", outside a transaction").append('\n'));
                r.warnings().forEach(w -> sb.append(ansi.yellow("  note: ")).append(w).append('\n'));
                sb.append(r.applied().isEmpty() ? "Schema is up to date" : ansi.green("Applied " + count(r.applied().size())))
                        .append(r.schemaVersion() == null ? "" : ", now at version " + r.schemaVersion())
                        .append(" (").append(r.url()).append(", ").append(Formats.millis(r.elapsedMs())).append(").\n");
            }
        }
        return sb.toString();
    }

    public static String status(StatusResult r, Ansi ansi) {
        TextTable t = new TextTable("version", "description", "state", "installed at (UTC)", "took").rightAlign(4);
        for (MigrationStatus m : r.migrations()) {
            String state = m.state().label() + (m.detail() != null && m.state() == MigrationState.RENAMED ? " (" + m.detail() + ")" : "");
            t.row(m.version() == null ? "R" : m.version(), m.description(), colour(m.state(), state, ansi),
                    m.installedAt() == null ? "" : WHEN.format(m.installedAt()), m.executionMs() < 0 ? "" : Formats.millis(m.executionMs()));
        }
        StringBuilder sb = new StringBuilder(t.render()).append('\n');
        sb.append(r.history() == null ? "" : r.history() + ": ").append(r.url()).append(" is at version ").append(r.schemaVersion() == null ? "(none)" : r.schemaVersion())
                .append("; ").append(r.pending()).append(" pending");
        if (!r.problems().isEmpty()) {
            sb.append("; ").append(ansi.red(r.problems().size() + (r.problems().size() == 1 ? " problem" : " problems") + " (ferry check explains)"));
        }
        return sb.append(".\n").append(unmanaged(r, ansi)).toString();
    }

    public static String check(StatusResult r, Ansi ansi) {
        if (r.unmanaged() != null) {
            return unmanaged(r, ansi);
        }
        if (r.problems().isEmpty()) {
            return ansi.green("OK") + ": " + whose(r) + " agrees with " + r.location() + " (version "
                    + (r.schemaVersion() == null ? "none" : r.schemaVersion()) + ", " + r.pending() + " pending).\n";
        }
        StringBuilder sb = new StringBuilder();
        r.problems().forEach(p -> sb.append(ansi.red("problem: ")).append(Migrations.describe(p)).append('\n'));
        return sb.append(r.problems().size()).append(r.problems().size() == 1 ? " problem" : " problems").append(" in ")
                .append(whose(r)).append(".\n").toString();
    }

    /** "the history of URL", or "Rails's schema_migrations in URL". */
    private static String whose(StatusResult r) {
        return r.history() == null ? "the history of " + r.url() : r.history() + " in " + r.url();
    }

    /** Why the pending list above is not to be trusted, or nothing. */
    private static String unmanaged(StatusResult r, Ansi ansi) {
        return r.unmanaged() == null ? "" : ansi.red("problem: ") + r.unmanaged().message() + "\nhint: " + r.unmanaged().hint() + "\n";
    }

    public static String changes(ChangeResult r, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        r.changes().forEach(c -> sb.append("  ").append(c).append('\n'));
        r.notes().forEach(n -> sb.append(ansi.yellow("  note: ")).append(n).append('\n'));
        sb.append(r.changes().isEmpty() ? "Nothing to " + r.command() + "." : ansi.green(r.command() + ": " + r.changes().size()
                + (r.changes().size() == 1 ? " change" : " changes")) + " to " + r.url() + ".").append('\n');
        r.remaining().forEach(p -> sb.append(ansi.yellow("still: ")).append(Migrations.describe(p)).append('\n'));
        return sb.toString();
    }

    private static String name(AppliedMigration a) {
        return (a.version() == null ? "R" : "V" + a.version()) + " " + a.description();
    }

    private static String count(int n) {
        return n + (n == 1 ? " migration" : " migrations");
    }

    private static String colour(MigrationState state, String text, Ansi ansi) {
        if (state.isProblem()) {
            return ansi.red(text);
        }
        return state == MigrationState.APPLIED ? ansi.green(text) : state == MigrationState.PENDING ? ansi.yellow(text) : text;
    }
}

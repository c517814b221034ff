package dev.ferry.report;

import dev.ferry.copy.CopyResult;
import dev.ferry.copy.MappedCopy;

/** A copy's summary for a terminal: per table its rows and streams, then what was checked. */
public final class CopyText {
    private CopyText() {
    }

    public static String copy(CopyResult r, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        if (!r.tables().isEmpty()) {
            TextTable t = new TextTable("table", "rows", "parts", "kept from earlier run", "rejected", "quarantined", "time", "checksum")
                    .rightAlign(1, 2, 3, 4, 5, 6);
            r.tables().forEach(c -> t.row(c.table(), String.valueOf(c.rows()), String.valueOf(c.parts()), c.kept() == 0 ? "" : String.valueOf(c.kept()),
                    c.rejected() == 0 ? "" : String.valueOf(c.rejected()), c.quarantined() == 0 ? "" : String.valueOf(c.quarantined()),
                    c.millis() == 0 ? "" : Formats.millis(c.millis()), c.checksum()));
            sb.append(t.render()).append('\n');
            r.tables().stream().filter(c -> c.zeroDates() > 0).forEach(c -> sb.append(c.table()).append(": ").append(c.zeroDates())
                    .append(c.zeroDates() == 1 ? " zero date" : " zero dates").append(" (0000-00-00) written as NULL\n"));
        }
        String checked = switch (r.verified()) {
            case "checksums" -> "every table's count equal to the rows sent and its checksum, read back, equal to the source's";
            case CopyResult.TABLE_COUNTS -> "every load's count equal to the rows sent, and every table counted on both sides, equal"
                    + " (between different databases Ferry compares counts, not checksums)";
            default -> "every load's count, as the target's server took it, equal to the rows the source sent";
        };
        return sb.append(ansi.green(r.resumed() ? "Copied (resumed)" : "Copied")).append(' ').append(r.from()).append(" into ").append(r.to())
                .append(": ").append(r.tables().size()).append(r.tables().size() == 1 ? " table, " : " tables, ").append(r.rows()).append(" rows, ")
                .append(checked).append(" (").append(Formats.millis(r.elapsedMs())).append(").\n").toString();
    }

    /** A mapping's dry run: per target table, in load order, the rows it would take and the query that fills it. */
    public static String dryRun(MappedCopy.DryRun r, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        TextTable t = new TextTable("target table", "line", "rows").rightAlign(1, 2);
        r.tables().forEach(p -> t.row(p.target(), String.valueOf(p.line()), String.valueOf(p.rows())));
        sb.append(t.render()).append('\n');
        for (MappedCopy.Planned p : r.tables()) {
            sb.append(p.target()).append(":\n  ").append(p.select()).append('\n');
        }
        if (!r.unmapped().isEmpty()) {
            sb.append('\n').append(r.keptIn() == null ? "not copied (no target is filled from them): " : "kept as they are in schema " + r.keptIn()
                    + " (no target is filled from them): ").append(String.join(", ", r.unmapped())).append('\n');
        }
        return sb.append(ansi.green("Checked")).append(' ').append(r.mapping()).append(" against ").append(r.from()).append(" and ").append(r.to())
                .append(": ").append(r.tables().size()).append(r.tables().size() == 1 ? " table, " : " tables, ")
                .append(r.tables().stream().mapToLong(MappedCopy.Planned::rows).sum()).append(" rows would be copied; nothing was written.\n").toString();
    }
}

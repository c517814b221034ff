package dev.ferry.report;

import dev.ferry.copy.CopyResult;

/** A copy's summary for a terminal: per table its rows and streams, then what was checked. */
public final class CopyText {
    private CopyText() {
    }

    public static String copy(CopyResult r, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        if (!r.tables().isEmpty()) {
            TextTable t = new TextTable("table", "rows", "parts", "kept from earlier run", "checksum").rightAlign(1, 2, 3);
            r.tables().forEach(c -> t.row(c.table(), String.valueOf(c.rows()), String.valueOf(c.parts()), c.kept() == 0 ? "" : String.valueOf(c.kept()),
                    c.checksum()));
            sb.append(t.render()).append('\n');
        }
        String checked = r.verified().equals("checksums") ? "every table's count equal to the rows sent and its checksum, read back, equal to the source's"
                : "every load's count, as the target's server took it, equal to the rows the source sent";
        return sb.append(ansi.green(r.resumed() ? "Copied (resumed)" : "Copied")).append(' ').append(r.from()).append(" into ").append(r.to())
                .append(": ").append(r.tables().size()).append(r.tables().size() == 1 ? " table, " : " tables, ").append(r.rows()).append(" rows, ")
                .append(checked).append(" (").append(Formats.millis(r.elapsedMs())).append(").\n").toString();
    }
}

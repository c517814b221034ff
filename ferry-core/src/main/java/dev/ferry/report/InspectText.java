package dev.ferry.report;

import dev.ferry.schema.InspectResult;
import dev.ferry.spi.ServerInfo;
import dev.ferry.spi.TableStats;

/** {@code ferry inspect} for a terminal: one line about the server, then a table of tables. */
public final class InspectText {
    private InspectText() {
    }

    public static String render(InspectResult result, Ansi ansi) {
        ServerInfo s = result.server();
        StringBuilder sb = new StringBuilder();
        sb.append(ansi.bold(s.product() + " " + s.version())).append(" · ").append(s.databaseLabel())
                .append(" · ").append(Formats.bytes(s.sizeBytes())).append(" · ").append(result.url()).append("\n\n");
        boolean schemas = result.tables().stream().anyMatch(t -> t.schema() != null);
        TextTable table = schemas ? new TextTable("schema", "table", "rows", "estimated", "size").rightAlign(2, 3, 4)
                : new TextTable("table", "rows", "estimated", "size").rightAlign(1, 2, 3);
        for (TableStats t : result.tables()) {
            String rows = Formats.count(t.rows());
            String estimate = Formats.count(t.estimatedRows());
            String size = Formats.bytes(t.sizeBytes());
            if (schemas) {
                table.row(t.schema(), t.name(), rows, estimate, size);
            } else {
                table.row(t.name(), rows, estimate, size);
            }
        }
        sb.append(table.render()).append('\n');
        sb.append(result.tables().size()).append(result.tables().size() == 1 ? " table, " : " tables, ")
                .append(Formats.count(result.totalRows())).append(" rows, in ").append(Formats.millis(result.elapsedMs())).append('\n');
        return sb.toString();
    }
}

package dev.ferry.schema;

import dev.ferry.spi.ServerInfo;
import dev.ferry.spi.TableStats;

import java.util.List;

/**
 * What {@code ferry inspect} found.
 *
 * @param url       the redacted URL
 * @param server    product, version, database and size
 * @param tables    user tables, by schema and name
 * @param elapsedMs time taken including the counts
 */
public record InspectResult(String url, ServerInfo server, List<TableStats> tables, long elapsedMs) {

    public long totalRows() {
        return tables.stream().mapToLong(t -> Math.max(t.rows(), 0)).sum();
    }
}

package dev.ferry.spi;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Exact row counts with plain {@code select count(*)}, which every SQL database answers. */
public final class SqlCounts {
    private SqlCounts() {
    }

    public static List<TableStats> countAll(Dialect dialect, Connection c, List<TableStats> tables) throws SQLException {
        List<TableStats> counted = new ArrayList<>(tables.size());
        try (Statement s = c.createStatement()) {
            for (TableStats t : tables) {
                try (ResultSet r = s.executeQuery("select count(*) from " + dialect.qualify(t))) {
                    r.next();
                    counted.add(t.withRows(r.getLong(1)));
                }
            }
        }
        return counted;
    }
}

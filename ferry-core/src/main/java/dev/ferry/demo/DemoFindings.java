package dev.ferry.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the new database holds after the demo's plan ran, read from it rather than taken on trust
 * from the steps: the story {@code ferry demo} tells is told in these numbers.
 *
 * @param tables        rows per table of the schemas the copy writes, named as examples/legacy-to-new/README.md names
 *                      them ({@code public.users}, {@code ferry_quarantine.users}, {@code legacy."coursePayments"}); Ferry's
 *                      own bookkeeping tables left out
 * @param quarantined   the ids of the second accounts of an address, in ferry_quarantine.users
 * @param orphans       payments kept in legacy."coursePayments" whose account no longer exists
 * @param columnBack    whether the column dropped by hand is there again
 * @param withProgress  enrollments whose progress_percent the data migration filled
 */
public record DemoFindings(Map<String, Long> tables, List<Long> quarantined, List<Orphan> orphans, boolean columnBack, long withProgress) {

    /** A payment whose account was deleted: nobody to enrol. */
    public record Orphan(long payment, long account) {
    }

    private static final String TABLES = "SELECT n.nspname, c.relname, n.nspname || '.' || quote_ident(c.relname) FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname IN ('public', 'ferry_quarantine', 'legacy')"
            + " AND NOT (n.nspname = 'public' AND c.relname LIKE 'ferry\\_%') ORDER BY 1, 2";

    static DemoFindings read(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            Map<String, Long> tables = new LinkedHashMap<>();
            for (List<String> t : rows(s, TABLES)) {
                tables.put(t.get(2), Long.parseLong(rows(s, "SELECT count(*) FROM " + quoted(t.get(0)) + "." + quoted(t.get(1))).get(0).get(0)));
            }
            List<Long> quarantined = rows(s, "SELECT id FROM ferry_quarantine.users ORDER BY id").stream().map(r -> Long.parseLong(r.get(0))).toList();
            List<Orphan> orphans = rows(s, "SELECT p.id, p.\"userId\" FROM legacy.\"coursePayments\" p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p.\"userId\") ORDER BY 1")
                    .stream().map(r -> new Orphan(Long.parseLong(r.get(0)), Long.parseLong(r.get(1)))).toList();
            boolean columnBack = !rows(s, "SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '"
                    + DemoDatabases.DRIFTED_TABLE + "' AND column_name = '" + DemoDatabases.DRIFTED_COLUMN + "'").isEmpty();
            long withProgress = Long.parseLong(rows(s, "SELECT count(progress_percent) FROM enrollments").get(0).get(0));
            return new DemoFindings(tables, quarantined, orphans, columnBack, withProgress);
        }
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static List<List<String>> rows(Statement s, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}

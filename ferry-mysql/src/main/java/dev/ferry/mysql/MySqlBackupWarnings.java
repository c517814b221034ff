package dev.ferry.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a MariaDB backup cannot promise, each said by name: tables whose engine ignores transactions
 * are read as they stand when their turn comes, not as of the snapshot; views, triggers, routines
 * and events are not in the schema model, so not in the backup.
 */
final class MySqlBackupWarnings {
    private MySqlBackupWarnings() {
    }

    static List<String> of(MySqlDialect dialect, Connection c) throws SQLException {
        List<String> warnings = new ArrayList<>();
        dialect.nonTransactionalTables(c).forEach((table, engine) -> {
            if (!engine.startsWith("is ")) { // a table written through a trigger or view: itself in the snapshot
                warnings.add("table " + table + " (" + engine + ") is not in the snapshot: its rows are as they stood when it was read,"
                        + " which may not agree with the other tables");
            }
        });
        leftOut(c).forEach((kind, names) -> warnings.add(named(kind, names) + (names.size() == 1 ? " is" : " are")
                + " not in the backup: Ferry's MariaDB schema model holds tables only"
                + " (mariadb-dump --no-data --routines --triggers --events takes them, with the tables' definitions)"));
        return warnings;
    }

    /** The views, triggers, routines and events no backup of Ferry's holds, a phrase per kind ("2 views v1, v2"). */
    static List<String> notBackedUp(Connection c) throws SQLException {
        List<String> lost = new ArrayList<>();
        leftOut(c).forEach((kind, names) -> lost.add(named(kind, names)));
        return lost;
    }

    private static String named(String kind, List<String> names) {
        return names.size() + " " + kind + (names.size() == 1 ? " " : "s ") + String.join(", ", names);
    }

    /** Views, triggers, procedures, functions and events of the session's database, by kind. */
    private static Map<String, List<String>> leftOut(Connection c) throws SQLException {
        Map<String, List<String>> leftOut = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT 'view', table_name FROM information_schema.views WHERE table_schema = database()"
                        + " UNION ALL SELECT 'trigger', trigger_name FROM information_schema.triggers WHERE trigger_schema = database()"
                        + " UNION ALL SELECT LOWER(routine_type), routine_name FROM information_schema.routines WHERE routine_schema = database()"
                        + " UNION ALL SELECT 'event', event_name FROM information_schema.events WHERE event_schema = database() ORDER BY 1, 2")) {
            while (r.next()) {
                leftOut.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
            }
        }
        return leftOut;
    }
}

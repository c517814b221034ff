package dev.ferry.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tables and views through which a write reaches a table that cannot roll back: a table whose
 * trigger body names one (an INSERT into InnoDB {@code orders} whose trigger logs to MyISAM
 * {@code order_log} leaves the log rows after a rollback), and a view whose definition names one.
 * Followed transitively (a trigger writing to a table whose own trigger writes to MyISAM). Like
 * the planner, a word match of the names: it may over-match, never miss a name spelled out.
 */
final class IndirectWrites {
    private static final Pattern WORD = Pattern.compile("[\\w$]+", Pattern.UNICODE_CHARACTER_CLASS);

    private record Body(String kind, String name, String object, String engine, String sql) {
    }

    private final List<Body> bodies = new ArrayList<>();

    IndirectWrites(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select tr.trigger_name, tr.event_object_table, t.engine, tr.action_statement from information_schema.triggers tr"
                     + " join information_schema.tables t on t.table_schema = tr.event_object_schema and t.table_name = tr.event_object_table"
                     + " where tr.trigger_schema = database() order by tr.trigger_name")) {
            while (r.next()) {
                bodies.add(new Body("trigger", r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
            }
        }
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select table_name, view_definition from information_schema.views where table_schema = database()"
                     + " order by table_name")) {
            while (r.next()) {
                bodies.add(new Body("view", r.getString(1), r.getString(1), null, r.getString(2)));
            }
        }
    }

    /**
     * Adds each table or view that reaches one of {@code tables} (name → engine), with why as its value:
     * "is InnoDB, but its trigger `orders_ai` writes to MyISAM table `order_log`" or "is a view of MyISAM table `order_log`".
     */
    void addTo(Map<String, String> tables) throws SQLException {
        Map<String, String> direct = new HashMap<>();
        tables.forEach((name, engine) -> direct.put(lower(name), name));
        boolean added = true;
        while (added) {
            added = false;
            for (Body b : bodies) {
                if (b.object() == null || tables.containsKey(b.object())) {
                    continue;
                }
                String reached = firstNamed(b.sql(), direct);
                if (reached != null) {
                    tables.put(b.object(), why(b, reached, tables.get(reached)));
                    direct.put(lower(b.object()), b.object());
                    added = true;
                }
            }
        }
    }

    private static String why(Body b, String reached, String engineOrWhy) {
        String target = engineOrWhy.startsWith("is ") ? "table `" + reached + "` (which " + engineOrWhy + ")" : engineOrWhy + " table `" + reached + "`";
        return b.kind().equals("view") ? "is a view of " + target
                : "is " + b.engine() + ", but its trigger `" + b.name() + "` writes to " + target;
    }

    private static String firstNamed(String sql, Map<String, String> names) {
        if (sql == null) {
            return null;
        }
        Matcher words = WORD.matcher(sql);
        while (words.find()) {
            String name = names.get(lower(words.group()));
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

package dev.ferry.copy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connect.KeyLines;
import dev.ferry.connect.YamlDocument;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mapping.yaml} of {@code ferry copy --mapping}: per target table the source table or query
 * it is filled from, the source expression of each target column, a condition, defaults for columns
 * with no source, and what happens to rows that repeat a unique key; and what becomes of source tables
 * no target names. Every mistake names the file, line and column.
 *
 * <pre>{@code
 * unmapped: keep-in-schema legacy      # or: ignore | fail
 * tables:
 *   users:    { from: users, columns: { id: id, email: "lower(email)" }, unique: [email], onDuplicate: quarantine }
 *   students: { from: users, where: "role = 'STUDENT'", columns: { user_id: id } }
 * }</pre>
 */
public record MappingFile(Path file, Unmapped unmapped, String keepSchema, List<Target> tables) {
    /** A from: that is a SELECT (or WITH … SELECT), over as many lines as it takes. */
    private static final java.util.regex.Pattern QUERY = java.util.regex.Pattern.compile("(?is)(select|with)(\\s.*)?");
    private static final Set<String> TABLE_KEYS = Set.of("from", "columns", "where", "defaults", "unique", "onDuplicate");

    /** What becomes of a source table that no target table is filled from: left behind, refused, or copied as it is into {@code keepSchema}. */
    public enum Unmapped { IGNORE, FAIL, KEEP_IN_SCHEMA }

    private static final java.util.regex.Pattern SCHEMA = java.util.regex.Pattern.compile("keep-in-schema\\s+([a-z_][a-z0-9_]{0,62})");

    /** What becomes of a row whose unique key an earlier row already has. */
    public enum OnDuplicate { FAIL, FIRST, QUARANTINE }

    /**
     * One target table.
     *
     * @param from      a source table ("users", "public.users") or, when {@code fromQuery}, a SELECT
     * @param columns   target column → the source expression that fills it, in the file's order
     * @param defaults  target column → an expression for a column with no source (e.g. a NOT NULL one)
     * @param unique    target columns whose values must not repeat; {@code onDuplicate} says what happens when they do
     */
    public record Target(String name, int line, String from, boolean fromQuery, Map<String, String> columns, Map<String, Integer> columnLines,
                         String where, Map<String, String> defaults, List<String> unique, OnDuplicate onDuplicate) {

        /** Every target column filled, mapped ones first, then defaults: column → expression. */
        public Map<String, String> filled() {
            Map<String, String> all = new LinkedHashMap<>(columns);
            defaults.forEach(all::putIfAbsent);
            return all;
        }
    }

    /** Reads {@code path}, naming it {@code shown} in messages. */
    public static MappingFile load(Path shown, Path path) {
        YamlDocument doc = YamlDocument.read(shown, path, "the mapping file", "write it (see examples/mapping.yaml) or name another with --mapping FILE",
                (at, what) -> error(shown, at, what));
        return new Reader(shown, doc.keys()).mapping(doc.tree());
    }

    /** The error for a mistake at {@code at} of {@code file}. */
    static FerryException error(Path file, JsonLocation at, String what) {
        String where = at == null ? file + ": " : file + " line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return new FerryException(ErrorCode.CONFIG, where + what, "see examples/mapping.yaml for every key of a mapping");
    }

    private record Reader(Path file, KeyLines keys) {

        MappingFile mapping(JsonNode tree) {
            if (tree == null || !tree.isObject()) {
                throw error(file, null, "the file should be a mapping with a tables: section");
            }
            for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("tables") && !name.equals("unmapped")) {
                    throw error(file, at(name), "unknown key '" + name + "' (expected: tables, unmapped)");
                }
            }
            String said = tree.get("unmapped") == null ? "ignore" : tree.get("unmapped").asText("").strip();
            Unmapped unmapped = unmapped(said);
            JsonNode tables = tree.get("tables");
            if (tables == null || !tables.isObject() || tables.isEmpty()) {
                throw error(file, at("tables"), "'tables' should map each target table to where its rows come from, e.g. users: { from: users }");
            }
            List<Target> targets = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                targets.add(target(e.getKey(), e.getValue()));
            }
            java.util.regex.Matcher keep = SCHEMA.matcher(said);
            return new MappingFile(file, unmapped, unmapped == Unmapped.KEEP_IN_SCHEMA && keep.matches() ? keep.group(1) : null, targets);
        }

        private Unmapped unmapped(String value) {
            if (value.equals("ignore")) {
                return Unmapped.IGNORE;
            }
            if (value.equals("fail")) {
                return Unmapped.FAIL;
            }
            if (SCHEMA.matcher(value).matches()) {
                return Unmapped.KEEP_IN_SCHEMA;
            }
            throw error(file, at("unmapped"), "unmapped: is 'ignore', 'fail' or 'keep-in-schema SCHEMA' (a lower-case schema name such as legacy), not '"
                    + value + "'");
        }

        private Target target(String name, JsonNode node) {
            String path = "tables." + name;
            if (!node.isObject()) {
                throw error(file, at(path), "'" + name + "' should be a mapping such as { from: users, columns: { id: id } }");
            }
            for (Iterator<String> keysOf = node.fieldNames(); keysOf.hasNext(); ) {
                String key = keysOf.next();
                if (!TABLE_KEYS.contains(key)) {
                    throw error(file, at(path + "." + key), "unknown key '" + key + "' in " + name + " (expected: from, columns, where, defaults, unique, onDuplicate)");
                }
            }
            String from = text(node, path, "from", true);
            boolean query = QUERY.matcher(from.strip()).matches();
            Map<String, Integer> lines = new LinkedHashMap<>();
            Map<String, String> columns = expressions(node, path, "columns", lines);
            Map<String, String> defaults = expressions(node, path, "defaults", new LinkedHashMap<>());
            if (columns.isEmpty()) {
                throw error(file, at(path), name + " maps no column: add columns: { target_column: source expression, … }");
            }
            List<String> unique = new ArrayList<>();
            JsonNode u = node.get("unique");
            if (u != null) {
                if (!u.isArray() || u.isEmpty()) {
                    throw error(file, at(path + ".unique"), "unique: should be a list of target columns, e.g. [email]");
                }
                u.forEach(c -> unique.add(c.asText()));
                for (String c : unique) {
                    if (!columns.containsKey(c) && !defaults.containsKey(c)) {
                        throw error(file, at(path + ".unique"), "unique: names " + c + ", which " + name + " does not fill");
                    }
                }
            }
            String on = text(node, path, "onDuplicate", false);
            OnDuplicate onDuplicate = on == null ? OnDuplicate.FAIL : switch (on) {
                case "fail" -> OnDuplicate.FAIL;
                case "first" -> OnDuplicate.FIRST;
                case "quarantine" -> OnDuplicate.QUARANTINE;
                default -> throw error(file, at(path + ".onDuplicate"), "onDuplicate: is fail, first or quarantine, not '" + on + "'");
            };
            if (on != null && unique.isEmpty()) {
                throw error(file, at(path + ".onDuplicate"), "onDuplicate: needs unique: [columns] to say what counts as a duplicate");
            }
            JsonLocation line = at(path);
            return new Target(name, line == null ? 0 : line.getLineNr(), from, query, columns, lines, text(node, path, "where", false), defaults, unique, onDuplicate);
        }

        private Map<String, String> expressions(JsonNode node, String path, String key, Map<String, Integer> lines) {
            JsonNode m = node.get(key);
            Map<String, String> out = new LinkedHashMap<>();
            if (m == null) {
                return out;
            }
            if (!m.isObject()) {
                throw error(file, at(path + "." + key), key + ": should map target columns to source expressions, e.g. { email: \"lower(email)\" }");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull() || e.getValue().asText().isBlank()) {
                    throw error(file, at(path + "." + key + "." + e.getKey()), "'" + e.getKey() + "' should be a source expression (a column name, or SQL such as \"coalesce(name, '')\")");
                }
                out.put(e.getKey(), e.getValue().asText());
                JsonLocation l = at(path + "." + key + "." + e.getKey());
                lines.put(e.getKey(), l == null ? 0 : l.getLineNr());
            }
            return out;
        }

        private String text(JsonNode node, String path, String key, boolean required) {
            JsonNode v = node.get(key);
            if (v == null) {
                if (required) {
                    throw error(file, at(path), path.substring("tables.".length()) + " needs " + key + ": (a source table, or a SELECT)");
                }
                return null;
            }
            if (!v.isValueNode() || v.asText().isBlank()) {
                throw error(file, at(path + "." + key), key + ": should be a text");
            }
            return v.asText();
        }

        JsonLocation at(String key) {
            return keys.location(key).orElse(null);
        }
    }
}

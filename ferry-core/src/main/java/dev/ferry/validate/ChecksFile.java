package dev.ferry.validate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connect.KeyLines;
import dev.ferry.connect.YamlDocument;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static dev.ferry.connect.YamlValues.found;

/**
 * checks.yaml, read and validated before Ferry connects: a {@code checks:} list whose items are an
 * optional {@code name:} plus one check kind. Every mistake names the file, line and column.
 *
 * <pre>{@code
 * checks:
 *   - name: bank details kept
 *     rowCount: { table: property_bank_details, equals: baseline }
 *   - unique: { table: users, columns: [email] }
 * }</pre>
 *
 * @param file   the file as the user named it (for messages and reports)
 * @param checks in file order
 */
public record ChecksFile(Path file, List<Check> checks) {
    private static final int MAX_ROWS = 1000;

    /** Reads {@code path} (resolved against the working directory), naming it {@code shown} in messages. */
    public static ChecksFile load(Path shown, Path path) {
        YamlDocument doc = YamlDocument.read(shown, path, "the checks file", "write it (see examples/checks.yaml) or name another with --checks FILE",
                new Reader(shown, null)::error);
        return new ChecksFile(shown, new Reader(shown, doc.keys()).checks(doc.tree()));
    }

    /** Walks the tree with the file's key positions at hand. */
    private record Reader(Path file, KeyLines keys) {

        List<Check> checks(JsonNode tree) {
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw error(null, "the file is empty: it should hold a checks: list");
            }
            if (!tree.isObject()) {
                throw error(null, "the file should be a mapping with a checks: list, not " + found(tree));
            }
            for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("checks")) {
                    throw error(at(name), "unknown key '" + name + "' (expected: checks)");
                }
            }
            JsonNode list = tree.get("checks");
            if (list != null && list.isArray() && list.isEmpty()) {
                throw error(at("checks"), "'checks' is an empty list: write at least one check");
            }
            if (list == null || !list.isArray()) {
                throw error(at("checks"), "'checks' should be a list of checks, not " + found(list));
            }
            List<Check> checks = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                checks.add(check(list.get(i), "checks." + i));
            }
            return checks;
        }

        private Check check(JsonNode item, String path) {
            if (!item.isObject()) {
                throw error(itemLocation(item, path), "each check should be a mapping such as { notNull: { table: users, column: email } }, not " + found(item));
            }
            String kindKey = null;
            for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (key.equals("name")) {
                    continue;
                }
                if (CheckKind.of(key).isEmpty()) {
                    throw error(at(path + "." + key), "unknown check kind '" + key + "' (expected one of: " + CheckKind.allKeys() + ")");
                }
                if (kindKey != null) {
                    throw error(at(path + "." + key), "one check per list item: this one has both " + kindKey + " and " + key
                            + " (start the second with its own '- ')");
                }
                kindKey = key;
            }
            if (kindKey == null) {
                throw error(itemLocation(item, path), "this check names no kind (expected one of: " + CheckKind.allKeys() + ")");
            }
            CheckKind kind = CheckKind.of(kindKey).orElseThrow();
            JsonNode name = item.get("name");
            if (name != null && !name.isTextual()) {
                throw error(at(path + ".name"), "'name' should be a text, not " + found(name));
            }
            Options options = options(item.get(kindKey), kind, path + "." + kindKey);
            int line = at(path + "." + kindKey).getLineNr();
            return build(kind, name == null ? null : name.asText(), line, options);
        }

        private Options options(JsonNode node, CheckKind kind, String path) {
            if (node == null || !node.isObject()) {
                throw error(at(path), kind.key() + " should be a mapping of " + String.join(", ", kind.keys()) + ", not " + found(node));
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (!kind.accepts(key)) {
                    throw error(at(path + "." + key), "unknown key '" + key + "' in " + kind.key() + " (expected one of: " + String.join(", ", kind.keys()) + ")");
                }
            }
            for (String key : kind.required().stream().sorted().toList()) {
                if (!node.has(key)) {
                    throw error(at(path), kind.key() + " needs " + key + ":");
                }
            }
            return new Options(this, node, path, kind);
        }

        private Check build(CheckKind kind, String givenName, int line, Options o) {
            return switch (kind) {
                case ROW_COUNT -> rowCount(givenName, line, o);
                case NOT_NULL -> {
                    List<String> columns = o.columns();
                    yield new Check.NotNull(named(givenName, "notNull " + o.table() + "." + String.join(", ", columns)), line, o.table(), columns);
                }
                case UNIQUE -> {
                    List<String> columns = o.columns();
                    yield new Check.Unique(named(givenName, "unique " + o.table() + " (" + String.join(", ", columns) + ")"), line, o.table(), columns);
                }
                case FOREIGN_KEY -> foreignKey(givenName, line, o);
                case COLUMN_EXISTS, COLUMN_ABSENT -> new Check.ColumnPresence(named(givenName, kind.key() + " " + o.table() + "." + o.text("column")),
                        line, o.table(), o.text("column"), kind == CheckKind.COLUMN_EXISTS);
                case SQL -> sql(givenName, line, o);
                case DISTRIBUTION -> new Check.Distribution(named(givenName, "distribution of " + o.table()), line, o.table(),
                        o.text("expression"), o.count("buckets", 20));
                case SAMPLE -> new Check.Sample(named(givenName, "sample of " + o.table()), line, o.table(), o.count("rows", 5));
                case TABLES_INTACT_KIND -> new Check.TablesIntact(named(givenName, "tablesIntact"), line, o.tables("except"));
            };
        }

        private Check rowCount(String givenName, int line, Options o) {
            JsonNode equals = o.node().get("equals");
            boolean range = o.node().has("min") || o.node().has("max");
            if (equals == null && !range) {
                throw error(at(o.path()), "rowCount needs equals: (a number, or baseline) or min:/max:");
            }
            if (equals != null && range) {
                throw error(at(o.path() + ".equals"), "rowCount takes equals: or min:/max:, not both");
            }
            boolean baseline = equals != null && equals.isTextual() && equals.asText().equals("baseline");
            Long exact = equals == null || baseline ? null : o.number("equals");
            Long min = o.node().has("min") ? o.number("min") : null;
            Long max = o.node().has("max") ? o.number("max") : null;
            if (min != null && max != null && min > max) {
                throw error(at(o.path() + ".min"), "rowCount min: " + min + " is above max: " + max);
            }
            return new Check.RowCount(named(givenName, "rowCount " + o.table()), line, o.table(), baseline, exact, min, max);
        }

        private Check foreignKey(String givenName, int line, Options o) {
            String references = o.text("references");
            int dot = references.lastIndexOf('.');
            if (dot <= 0 || dot == references.length() - 1) {
                throw error(at(o.path() + ".references"), "references: should be TABLE.COLUMN (e.g. invoice.invoice_id), not '" + references + "'");
            }
            TableRef referenced = TableRef.parse(references.substring(0, dot));
            String column = o.text("column");
            return new Check.ForeignKey(named(givenName, "foreignKey " + o.table() + "." + column + " → " + references), line,
                    o.table(), column, referenced, references.substring(dot + 1));
        }

        private Check sql(String givenName, int line, Options o) {
            String query = o.text("query");
            JsonNode expect = o.node().get("expect");
            if (expect.isContainerNode()) {
                throw error(at(o.path() + ".expect"), "expect: should be one value (e.g. 0) or none (no rows), not " + found(expect));
            }
            boolean none = expect.isTextual() && expect.asText().equals("none");
            String expected = none || expect.isNull() ? null : expect.asText();
            return new Check.Sql(named(givenName, "sql (line " + line + ")"), line, query, expected, none);
        }

        private static String named(String givenName, String derived) {
            return givenName == null || givenName.isBlank() ? derived : givenName;
        }

        JsonLocation at(String key) {
            return keys == null ? null : keys.location(key).orElse(null);
        }

        /** Where a list item starts: its first key, when it has one. */
        private JsonLocation itemLocation(JsonNode item, String path) {
            if (item.isObject() && item.fieldNames().hasNext()) {
                return at(path + "." + item.fieldNames().next());
            }
            return at("checks");
        }

        private String where(JsonLocation at) {
            return at == null ? file + ": " : file + " line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        }

        FerryException error(JsonLocation at, String what) {
            return new FerryException(ErrorCode.CONFIG, where(at) + what, "see examples/checks.yaml for every kind of check and its keys");
        }
    }

    /** The keys of one check, read with messages that name where they stand. */
    private record Options(Reader reader, JsonNode node, String path, CheckKind kind) {

        TableRef table() {
            return TableRef.parse(text("table"));
        }

        String text(String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
                throw reader.error(reader.at(path + "." + key), "'" + key + "' in " + kind.key() + " should be a text, not " + found(value));
            }
            return value.asText();
        }

        long number(String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
                String also = key.equals("equals") ? " or baseline" : "";
                throw reader.error(reader.at(path + "." + key), "'" + key + "' in " + kind.key() + " should be a whole number" + also + ", not " + found(value));
            }
            return value.asLong();
        }

        int count(String key, int byDefault) {
            if (!node.has(key)) {
                return byDefault;
            }
            long n = number(key);
            if (n < 1 || n > MAX_ROWS) {
                throw reader.error(reader.at(path + "." + key), "'" + key + "' in " + kind.key() + " should be between 1 and " + MAX_ROWS + ", not " + n);
            }
            return (int) n;
        }

        /** {@code key: [a, public.b]}, or nothing: the tables named. */
        List<TableRef> tables(String key) {
            JsonNode list = node.get(key);
            if (list == null) {
                return List.of();
            }
            List<TableRef> tables = new ArrayList<>();
            if (list.isArray()) {
                list.forEach(t -> tables.add(t.isTextual() && !t.asText().isBlank() ? TableRef.parse(t.asText()) : null));
            }
            if (!list.isArray() || tables.contains(null)) {
                throw reader.error(reader.at(path + "." + key), "'" + key + "' in " + kind.key() + " should be a list of table names, not " + found(list));
            }
            return List.copyOf(tables);
        }

        /** {@code column: x} or {@code columns: [x, y]}: one of the two. */
        List<String> columns() {
            boolean one = node.has("column");
            boolean many = node.has("columns");
            if (one == many) {
                throw reader.error(reader.at(path), kind.key() + " needs column: NAME or columns: [A, B]" + (one ? ", not both" : ""));
            }
            if (one) {
                return List.of(text("column"));
            }
            JsonNode list = node.get("columns");
            List<String> columns = new ArrayList<>();
            if (list.isArray()) {
                list.forEach(c -> columns.add(c.isTextual() ? c.asText() : ""));
            }
            if (!list.isArray() || list.isEmpty() || columns.contains("")) {
                throw reader.error(reader.at(path + ".columns"), "'columns' in " + kind.key() + " should be a list of column names, not " + found(list));
            }
            return List.copyOf(columns);
        }
    }

    /** For callers that want the checks by kind, e.g. whether a baseline is needed. */
    public boolean needsBaseline() {
        return !baselineLines().isEmpty();
    }

    /** The line of each check that needs a baseline, for the message when none is given. */
    public List<Integer> baselineLines() {
        return checks.stream().filter(c -> c instanceof Check.RowCount r && r.baseline() || c instanceof Check.TablesIntact).map(Check::line).toList();
    }
}

package dev.ferry.cutover;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.connect.KeyLines;
import dev.ferry.connect.YamlDocument;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ferry.connect.YamlValues.found;

/**
 * PLAN.yaml, read and checked before anything runs: the databases, the steps and their options, the
 * references between steps and the downtime markers. Every mistake names the file, line and column.
 *
 * <pre>{@code
 * source: { url: "${OLD_DATABASE_URL}" }
 * target: { env: prod }
 * steps:
 *   - { id: backup_old, backup: source }
 *   - { downtime: begin }
 *   - { id: restore, restore: { from: "${steps.backup_old.dir}", to: target, clean: true } }
 * rollback:
 *   - { shell: "pm2 restart web" }
 * }</pre>
 */
public final class PlanFile {
    private static final Set<String> TOP = Set.of("source", "target", "steps", "rollback", "pointOfNoReturn");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{steps\\.([^.}]*)\\.([^}]*)}");
    private static final Set<String> FLAGS = Set.of("copy", "verify", "clean", "truncate", "destructive");
    private static final Set<String> NUMBERS = Set.of("timeout", "expect", "retries", "delay", "jobs", "maxRejects");
    private static final Set<String> LISTS = Set.of("keys", "tables");
    /** Steps that change the target: without a downtime marker, the first of them is the point of no return. */
    private static final Set<StepKind> CHANGES_TARGET = Set.of(StepKind.RESTORE, StepKind.COPY, StepKind.MIGRATE, StepKind.HEAL_DRIFT,
            StepKind.DATA, StepKind.SECRETS);
    static final String HINT = "docs/cutover.md lists every kind of step and its options; examples/*/PLAN.yaml are commented plans";

    private PlanFile() {
    }

    /** Reads {@code path}, naming it {@code shown} in messages. */
    public static Plan load(Path shown, Path path) {
        YamlDocument doc = YamlDocument.read(shown, path, "the plan", "write it (see examples/server-move/PLAN.yaml) or name another file",
                new Reader(shown, null)::error);
        return new Reader(shown, doc.keys()).plan(doc.tree(), checksum(doc.text()));
    }

    private static String checksum(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Reader(Path file, KeyLines keys) {

        Plan plan(JsonNode tree, String checksum) {
            if (tree == null || tree.isMissingNode() || tree.isNull() || !tree.isObject()) {
                throw error(null, "a plan is a mapping with source:, target: and steps:, not " + found(tree));
            }
            for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!TOP.contains(name)) {
                    throw error(at(name), "unknown key '" + name + "' (expected: source, target, steps, rollback, pointOfNoReturn)");
                }
            }
            Plan.Endpoint source = endpoint(tree, "source");
            Plan.Endpoint target = endpoint(tree, "target");
            JsonNode list = tree.get("steps");
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw error(at("steps"), "'steps' should be a list of at least one step, not " + found(list));
            }
            Map<String, Step> seen = new HashMap<>();
            List<Step> steps = steps(list, "steps", "step", seen, true);
            JsonNode undo = tree.get("rollback");
            if (undo != null && !undo.isArray()) {
                throw error(at("rollback"), "'rollback' should be a list of steps, not " + found(undo));
            }
            List<Step> rollback = undo == null ? List.of() : steps(undo, "rollback", "rollback", seen, false);
            downtime(steps);
            return new Plan(file, source, target, steps, rollback, pointOfNoReturn(tree, steps), checksum);
        }

        private Plan.Endpoint endpoint(JsonNode tree, String name) {
            JsonNode node = tree.get(name);
            if (node == null) {
                throw error(null, "the plan needs " + name + ": { env: NAME } or { url: URL }");
            }
            if (!node.isObject() || node.size() != 1 || !(node.has("env") || node.has("url")) || !node.elements().next().isTextual()) {
                throw error(at(name), name + ": should be { env: NAME } (an environment of ferry.yaml) or { url: URL }, not " + found(node));
            }
            return node.has("env") ? new Plan.Endpoint(node.get("env").asText(), null) : new Plan.Endpoint(null, node.get("url").asText());
        }

        private List<Step> steps(JsonNode list, String path, String autoId, Map<String, Step> seen, boolean main) {
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Step step = step(list.get(i), path + "." + i, autoId + (i + 1), main ? seen : Map.copyOf(seen));
                if (seen.containsKey(step.id())) {
                    throw error(at(path + "." + i + ".id"), "the id '" + step.id() + "' is used twice (also on line " + seen.get(step.id()).line() + ")");
                }
                seen.put(step.id(), step);
                steps.add(step);
            }
            return steps;
        }

        private Step step(JsonNode item, String path, String autoId, Map<String, Step> earlier) {
            if (!item.isObject() || item.isEmpty()) {
                throw error(itemLocation(item, path), "each step should be a mapping such as { id: backup_old, backup: source }, not " + found(item));
            }
            String kindKey = null;
            for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (key.equals("id")) {
                    continue;
                }
                if (StepKind.of(key).isEmpty()) {
                    throw error(at(path + "." + key), "unknown kind of step '" + key + "' (expected one of: " + StepKind.allKeys() + ")");
                }
                if (kindKey != null) {
                    throw error(at(path + "." + key), "one step per list item: this one has both " + kindKey + " and " + key + " (start the second with its own '- ')");
                }
                kindKey = key;
            }
            if (kindKey == null) {
                throw error(itemLocation(item, path), "this step names no kind (expected one of: " + StepKind.allKeys() + ")");
            }
            StepKind kind = StepKind.of(kindKey).orElseThrow();
            String id = id(item, path, autoId);
            Map<String, Object> options = options(item.get(kindKey), kind, path + "." + kindKey);
            references(options, kind, path + "." + kindKey, earlier);
            return new Step(id, kind, options, line(at(path + "." + kindKey)));
        }

        private String id(JsonNode item, String path, String autoId) {
            JsonNode id = item.get("id");
            if (id == null) {
                return autoId;
            }
            if (!id.isTextual() || !ID.matcher(id.asText()).matches()) {
                throw error(at(path + ".id"), "an id is lower-case letters, digits and _, starting with a letter (e.g. backup_old), not " + found(id));
            }
            return id.asText();
        }

        private Map<String, Object> options(JsonNode node, StepKind kind, String path) {
            Map<String, Object> options = new LinkedHashMap<>();
            if (node != null && node.isValueNode() && !node.isNull() && kind.shorthand() != null) {
                options.put(kind.shorthand(), value(node, kind.shorthand(), kind, path));
            } else if (node != null && node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!kind.options().contains(field.getKey())) {
                        throw error(at(path + "." + field.getKey()), "unknown option '" + field.getKey() + "' of " + kind.key()
                                + " (expected one of: " + String.join(", ", kind.options()) + ")");
                    }
                    options.put(field.getKey(), value(field.getValue(), field.getKey(), kind, path + "." + field.getKey()));
                }
            } else {
                throw error(at(path), kind.key() + " should be " + (kind.shorthand() == null ? "" : "a " + kind.shorthand() + " or ")
                        + "a mapping of " + String.join(", ", kind.options()) + ", not " + found(node));
            }
            for (String required : kind.required()) {
                if (!options.containsKey(required)) {
                    throw error(at(path), kind.key() + " needs " + required + ":");
                }
            }
            for (String database : kind.databases()) {
                Object named = options.get(database);
                if (named != null && !named.equals("source") && !named.equals("target")) {
                    throw error(at(path + (options.size() == 1 && node.isValueNode() ? "" : "." + database)), kind.key() + " " + database
                            + ": names a database of the plan, source or target, not '" + named + "'");
                }
            }
            if (kind == StepKind.DOWNTIME && !Set.of("begin", "end").contains(options.get("mark"))) {
                throw error(at(path), "downtime: is begin or end, not '" + options.get("mark") + "'");
            }
            return options;
        }

        private Object value(JsonNode node, String option, StepKind kind, String path) {
            String what = kind.key() + " " + option + ":";
            if (FLAGS.contains(option)) {
                if (!node.isBoolean()) {
                    throw error(at(path), what + " is true or false, not " + found(node));
                }
                return node.asBoolean();
            }
            if (NUMBERS.contains(option)) {
                if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0) {
                    throw error(at(path), what + " is a whole number from 0, not " + found(node));
                }
                return node.asInt();
            }
            if (LISTS.contains(option)) {
                if (!node.isArray() || node.isEmpty()) {
                    throw error(at(path), what + " is a list such as [NEXTAUTH_SECRET, JWT_SECRET], not " + found(node));
                }
                List<String> items = new ArrayList<>();
                node.forEach(n -> items.add(n.asText()));
                return List.copyOf(items);
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                throw error(at(path), what + " is a text, not " + found(node));
            }
            return node.asText();
        }

        /** Every ${steps.ID.OUTPUT} names an earlier step and an output of its kind. */
        private void references(Map<String, Object> options, StepKind kind, String path, Map<String, Step> earlier) {
            for (Map.Entry<String, Object> option : options.entrySet()) {
                if (!(option.getValue() instanceof String text)) {
                    continue;
                }
                Matcher m = REFERENCE.matcher(text);
                while (m.find()) {
                    Step step = earlier.get(m.group(1));
                    JsonLocation where = at(path + "." + option.getKey()) != null ? at(path + "." + option.getKey()) : at(path);
                    if (step == null) {
                        throw error(where, "${steps." + m.group(1) + "." + m.group(2) + "} names no earlier step"
                                + (earlier.isEmpty() ? "" : " (earlier: " + String.join(", ", earlier.keySet().stream().sorted().toList()) + ")"));
                    }
                    if (!step.kind().outputs().contains(m.group(2))) {
                        throw error(where, "${steps." + m.group(1) + "." + m.group(2) + "}: a " + step.kind().key() + " step gives "
                                + (step.kind().outputs().isEmpty() ? "no outputs" : String.join(", ", step.kind().outputs()) + ", not " + m.group(2)));
                    }
                }
            }
        }

        private void downtime(List<Step> steps) {
            int begin = -1;
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                if (s.marks("begin")) {
                    if (begin >= 0) {
                        throw error(null, "line " + s.line() + ": downtime begins twice (also on line " + steps.get(begin).line() + ")");
                    }
                    begin = i;
                } else if (s.marks("end")) {
                    if (begin < 0) {
                        throw error(null, "line " + s.line() + ": downtime ends before it begins: put { downtime: begin } above it");
                    }
                    if (steps.subList(i + 1, steps.size()).stream().anyMatch(t -> t.marks("end"))) {
                        throw error(null, "line " + s.line() + ": downtime ends twice");
                    }
                }
            }
        }

        /** pointOfNoReturn: a step's id; else downtime: begin; else the first step that changes the target. */
        private int pointOfNoReturn(JsonNode tree, List<Step> steps) {
            JsonNode named = tree.get("pointOfNoReturn");
            if (named != null) {
                for (int i = 0; i < steps.size(); i++) {
                    if (steps.get(i).id().equals(named.asText())) {
                        return i;
                    }
                }
                throw error(at("pointOfNoReturn"), "pointOfNoReturn: names no step of steps: '" + named.asText() + "'");
            }
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).marks("begin")) {
                    return i;
                }
            }
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                boolean onTarget = s.kind().databases().stream().anyMatch(d -> "target".equals(s.options().get(d)))
                        || s.kind() == StepKind.COPY && !s.options().containsKey("to");
                if (CHANGES_TARGET.contains(s.kind()) && (onTarget || s.kind() == StepKind.SECRETS)) {
                    return i;
                }
            }
            return steps.size();
        }

        private JsonLocation at(String key) {
            return keys == null ? null : keys.location(key).orElse(null);
        }

        private JsonLocation itemLocation(JsonNode item, String path) {
            if (item.isObject() && item.fieldNames().hasNext()) {
                return at(path + "." + item.fieldNames().next());
            }
            return at(path.substring(0, path.indexOf('.')));
        }

        private static int line(JsonLocation at) {
            return at == null ? 0 : at.getLineNr();
        }

        FerryException error(JsonLocation at, String what) {
            String where = at == null ? file + ": " : file + " line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            return new FerryException(ErrorCode.CONFIG, where + what, HINT);
        }
    }
}

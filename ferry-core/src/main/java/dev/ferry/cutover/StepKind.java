package dev.ferry.cutover;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of step a plan can hold, each with the options it takes, the one a plain value stands for
 * ({@code migrate: target} is {@code migrate: { on: target }}), the options it needs, and the outputs a
 * later step can use as {@code ${steps.ID.OUTPUT}}.
 */
public enum StepKind {
    SHELL("shell", "command", List.of("command", "timeout", "expect", "dir"), List.of("command"), List.of("exitCode"), List.of()),
    HTTP("http", "url", List.of("url", "expect", "retries", "delay", "timeout"), List.of("url"), List.of("status"), List.of()),
    SECRETS("secrets", null, List.of("source", "target", "keys", "copy"), List.of("source", "target", "keys"), List.of("backup"), List.of()),
    TERMINATE_SESSIONS("terminate-sessions", "on", List.of("on"), List.of("on"), List.of("terminated"), List.of("on")),
    BACKUP("backup", "of", List.of("of", "out", "verify"), List.of("of"), List.of("dir", "rows"), List.of("of")),
    RESTORE("restore", null, List.of("from", "to", "clean"), List.of("from", "to"), List.of("rows"), List.of("to")),
    COPY("copy", null, List.of("from", "to", "mapping", "tables", "truncate", "jobs", "maxRejects"), List.of(), List.of("rows"), List.of("from", "to")),
    MIGRATE("migrate", "on", List.of("on", "dir"), List.of("on"), List.of("applied", "schemaVersion"), List.of("on")),
    HEAL_DRIFT("heal-drift", "on", List.of("on", "destructive"), List.of("on"), List.of("changes"), List.of("on")),
    DATA("data", "on", List.of("on", "id"), List.of("on"), List.of("migrated"), List.of("on")),
    VALIDATE("validate", "checks", List.of("on", "checks", "baseline"), List.of("checks"), List.of("failed"), List.of("on")),
    APPROVE("approve", "message", List.of("message"), List.of("message"), List.of(), List.of()),
    DOWNTIME("downtime", "mark", List.of("mark"), List.of("mark"), List.of(), List.of());

    private final String key;
    private final String shorthand;
    private final List<String> options;
    private final List<String> required;
    private final List<String> outputs;
    private final List<String> databases;

    StepKind(String key, String shorthand, List<String> options, List<String> required, List<String> outputs, List<String> databases) {
        this.key = key;
        this.shorthand = shorthand;
        this.options = options;
        this.required = required;
        this.outputs = outputs;
        this.databases = databases;
    }

    /** The key that names it in a plan: {@code heal-drift}. */
    public String key() {
        return key;
    }

    /** The option a plain value fills, or null when the step needs a mapping. */
    public String shorthand() {
        return shorthand;
    }

    public List<String> options() {
        return options;
    }

    public List<String> required() {
        return required;
    }

    public List<String> outputs() {
        return outputs;
    }

    /** Options naming a database of the plan: {@code source} or {@code target}. */
    public List<String> databases() {
        return databases;
    }

    public static Optional<StepKind> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    public static String allKeys() {
        return Arrays.stream(values()).map(StepKind::key).collect(Collectors.joining(", "));
    }
}

package dev.ferry.validate;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The kinds of check checks.yaml takes, with the keys each accepts and needs. */
public enum CheckKind {
    ROW_COUNT("rowCount", Set.of("table"), Set.of("equals", "min", "max")),
    NOT_NULL("notNull", Set.of("table"), Set.of("column", "columns")),
    UNIQUE("unique", Set.of("table"), Set.of("column", "columns")),
    FOREIGN_KEY("foreignKey", Set.of("table", "column", "references"), Set.of()),
    COLUMN_EXISTS("columnExists", Set.of("table", "column"), Set.of()),
    COLUMN_ABSENT("columnAbsent", Set.of("table", "column"), Set.of()),
    SQL("sql", Set.of("query", "expect"), Set.of()),
    DISTRIBUTION("distribution", Set.of("table", "expression"), Set.of("buckets")),
    SAMPLE("sample", Set.of("table"), Set.of("rows")),
    TABLES_INTACT_KIND("tablesIntact", Set.of(), Set.of("except"));

    /** Declared in the contract, but it needs the table checksums that backups bring. */
    public static final String TABLES_INTACT = "tablesIntact";

    private final String key;
    private final Set<String> required;
    private final Set<String> optional;

    CheckKind(String key, Set<String> required, Set<String> optional) {
        this.key = key;
        this.required = required;
        this.optional = optional;
    }

    /** The word checks.yaml uses, e.g. {@code foreignKey}. */
    public String key() {
        return key;
    }

    Set<String> required() {
        return required;
    }

    boolean accepts(String option) {
        return required.contains(option) || optional.contains(option);
    }

    List<String> keys() {
        return java.util.stream.Stream.concat(required.stream(), optional.stream()).sorted().toList();
    }

    /** Distribution and sample show data; they neither pass nor fail. */
    public boolean reportOnly() {
        return this == DISTRIBUTION || this == SAMPLE;
    }

    static Optional<CheckKind> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    static String allKeys() {
        return String.join(", ", Arrays.stream(values()).map(CheckKind::key).toList());
    }
}

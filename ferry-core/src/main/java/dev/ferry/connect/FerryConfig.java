package dev.ferry.connect;

import java.util.Map;
import java.util.TreeMap;

/**
 * The contents of ferry.yaml. Validated when it loads ({@link ConfigLoader}); unknown keys are
 * errors that name the key and its line.
 */
public record FerryConfig(String migrations, HistoryConfig history, Map<String, EnvironmentConfig> environments) {
    public static final FerryConfig EMPTY = new FerryConfig(null, null, null);

    public FerryConfig {
        migrations = migrations == null || migrations.isBlank() ? "migrations" : migrations;
        history = history == null ? HistoryConfig.DEFAULT : history;
        environments = environments == null ? Map.of() : new TreeMap<>(environments);
    }
}

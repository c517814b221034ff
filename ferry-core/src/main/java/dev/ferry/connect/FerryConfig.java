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
        migrations = migrations == null || migrations.isBlank() ? null : migrations;
        history = history == null ? HistoryConfig.DEFAULT : history;
        environments = environments == null ? Map.of() : new TreeMap<>(environments);
    }

    /** The migrations directory (or classpath:PATH) of Ferry's own history: migrations: in ferry.yaml, else "migrations". */
    @Override
    public String migrations() {
        return migrationsFor(HistoryTool.FERRY);
    }

    /**
     * Where {@code tool}'s migration files are: migrations: in ferry.yaml when the history there is
     * that tool's (history.tool, Ferry's by default), else where that tool keeps them.
     */
    public String migrationsFor(HistoryTool tool) {
        return migrations != null && tool == history.tool() ? migrations : tool.directory();
    }
}

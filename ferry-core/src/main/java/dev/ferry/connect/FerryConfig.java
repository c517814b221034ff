package dev.ferry.connect;

import java.util.Map;
import java.util.TreeMap;

/**
 * The contents of ferry.yaml. Validated when it loads ({@link ConfigLoader}); unknown keys are
 * errors that name the key and its line.
 */
public record FerryConfig(String migrations, HistoryConfig history, Map<String, EnvironmentConfig> environments, String data) {
    public static final FerryConfig EMPTY = new FerryConfig(null, null, null, null);

    /**
     * @param data "auto": {@code ferry migrate} runs the pending data migrations after the schema ones;
     *             "manual" (the default): only {@code ferry data run} runs them
     */
    public FerryConfig {
        data = data == null ? "manual" : data;
        migrations = migrations == null || migrations.isBlank() ? null : migrations;
        history = history == null ? HistoryConfig.DEFAULT : history;
        environments = environments == null ? Map.of() : new TreeMap<>(environments);
    }

    /** Whether {@code ferry migrate} runs the pending data migrations after the schema ones. */
    public boolean dataAuto() {
        return data.equals("auto");
    }

    /** What is wrong with data:, or empty. */
    java.util.Optional<String> dataProblem() {
        return data.equals("auto") || data.equals("manual") ? java.util.Optional.empty()
                : java.util.Optional.of("data: should be auto (ferry migrate runs the pending data migrations after the schema ones) or manual (only ferry"
                        + " data run does), not '" + data + "'");
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

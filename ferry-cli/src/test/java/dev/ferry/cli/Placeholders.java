package dev.ferry.cli;

import dev.ferry.testkit.TestPostgres;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fills a catalogue row's {@code {{…}}} placeholders with this run's databases and folder. */
final class Placeholders {
    private final Map<String, String> values = new HashMap<>();

    Placeholders(Path dir, CatalogueDatabase db, CatalogueDatabase second) {
        values.put("{{dir}}", dir.toString());
        values.put("{{db}}", db.url());
        values.put("{{dbname}}", db.name());
        values.put("{{db2}}", second == null ? "" : second.url());
        values.put("{{pgport}}", Integer.toString(TestPostgres.port()));
        values.put("{{wrongpw}}", BadInputCatalogueIT.WRONG_PASSWORD);
    }

    String apply(String text) {
        String result = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace(value.getKey(), value.getValue());
        }
        return result;
    }

    List<String> apply(List<String> texts) {
        return texts.stream().map(this::apply).toList();
    }

    Map<String, String> apply(Map<String, String> texts) {
        Map<String, String> result = new HashMap<>();
        texts.forEach((key, text) -> result.put(key, apply(text)));
        return result;
    }
}

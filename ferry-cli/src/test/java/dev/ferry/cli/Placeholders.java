package dev.ferry.cli;

import dev.ferry.testkit.TestPostgres;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fills a catalogue row's {@code {{…}}} placeholders with this run's databases and folder. */
final class Placeholders {
    private static final java.util.regex.Pattern FILE = java.util.regex.Pattern.compile("\\{\\{file:([^}]+)}}");
    private final Map<String, String> values = new HashMap<>();
    private final Path dir;

    Placeholders(Path dir, CatalogueDatabase db, CatalogueDatabase second) {
        this.dir = dir;
        values.put("{{dir}}", dir.toString());
        values.put("{{db}}", db.url());
        values.put("{{dbname}}", db.name());
        values.put("{{db2}}", second == null ? "" : second.url());
        values.put("{{pgport}}", Integer.toString(TestPostgres.port()));
        // the test MariaDB server's own mysql database: for rows refused before anything is written
        values.put("{{mariadb}}", dev.ferry.testkit.TestMariaDb.url("mysql"));
        values.put("{{wrongpw}}", BadInputCatalogueIT.WRONG_PASSWORD);
    }

    String apply(String text) {
        String result = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace(value.getKey(), value.getValue());
        }
        return FILE.matcher(result).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(onlyFile(m.group(1))));
    }

    /** The one file under the row's directory that {@code glob} matches, relative to it. */
    private String onlyFile(String glob) {
        java.nio.file.PathMatcher matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            List<String> found = files.map(dir::relativize).filter(matcher::matches).map(Path::toString).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("{{file:" + glob + "}} matches " + found.size() + " files, not one: " + found);
            }
            return found.get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

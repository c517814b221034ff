package dev.ferry.validate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.connect.TextFiles;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.report.Formats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The part of a backup's {@code manifest.json} that validation reads: each table's exact row count
 * (and checksum) when the backup was taken. Every other field of the manifest is ignored, so the
 * backup command may add to it freely.
 *
 * <pre>{@code
 * {"tables": [{"schema": "public", "name": "invoice", "rows": 412, "checksum": "…"}]}
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BaselineManifest(Path file, List<Table> tables) {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** @param schema null where the source database had none (SQLite, MariaDB's own database) */
    @JsonIgnoreProperties(ignoreUnknown = true)
    /** @param columns the columns the checksum was made over, in order */
    public record Table(String schema, String name, Long rows, String checksum, List<String> columns) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Shape(List<Table> tables) {
    }

    /** Reads {@code path}; a directory means the manifest.json inside it. {@code shown} names it in messages. */
    public static BaselineManifest load(Path shown, Path path) {
        if (Files.isDirectory(path)) {
            return load(shown.resolve("manifest.json"), path.resolve("manifest.json"));
        }
        String text = TextFiles.readUtf8(path, "the baseline manifest", "name a backup's manifest.json with --baseline, e.g. --baseline backups/shop-20260101T000000Z/manifest.json");
        Shape shape;
        try {
            shape = JSON.readValue(text, Shape.class);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new FerryException(ErrorCode.CONFIG, shown + at + ": not a backup manifest: " + Formats.firstLine(e.getOriginalMessage()),
                    "--baseline takes the manifest.json that ferry backup writes: {\"tables\": [{\"schema\": …, \"name\": …, \"rows\": …}]}");
        }
        if (shape == null || shape.tables() == null) {
            throw new FerryException(ErrorCode.CONFIG, shown + ": not a backup manifest: it has no \"tables\" list",
                    "--baseline takes the manifest.json that ferry backup writes: {\"tables\": [{\"schema\": …, \"name\": …, \"rows\": …}]}");
        }
        return new BaselineManifest(shown, List.copyOf(shape.tables()));
    }

    /**
     * The entry for a table found as {@code schema.name} in the database: the same schema and name, or,
     * when one side has no schema (a backup of SQLite or MariaDB), the one entry of that name.
     */
    public Optional<Table> find(String schema, String name) {
        Optional<Table> exact = tables.stream().filter(t -> name.equals(t.name()) && java.util.Objects.equals(schema, t.schema())).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        List<Table> named = tables.stream().filter(t -> name.equals(t.name()) && (schema == null || t.schema() == null)).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }
}

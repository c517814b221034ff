package dev.ferry.report;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.validate.ValidateResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes {@code validate-<UTC time>.json} and {@code .html} into the report directory, each first
 * under a temporary name and then renamed, so that a report file is never half written.
 */
public final class ValidateReports {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private ValidateReports() {
    }

    /**
     * @param shown     the directory as the user named it, for the paths in the result
     * @param directory the same directory, resolved
     * @return the result with the two report paths (as shown) added
     */
    public static ValidateResult write(ValidateResult result, Path shown, Path directory) {
        String base = "validate-" + STAMP.format(result.startedAt());
        ValidateResult withPaths = result.withReports(List.of(shown.resolve(base + ".json").toString(), shown.resolve(base + ".html").toString()));
        try {
            Files.createDirectories(directory);
            write(directory.resolve(base + ".json"), Json.write(withPaths) + "\n");
            write(directory.resolve(base + ".html"), ValidateHtml.render(withPaths));
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "cannot write the validation report into " + shown + ": " + e.getMessage(),
                    "check that the directory is writable, or name another with --report DIR", e);
        }
        return withPaths;
    }

    private static void write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

package dev.ferry.secrets;

import dev.ferry.connect.EnvFile;
import dev.ferry.connect.TextFiles;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The env file secrets are copied into: its real path (a symbolic link is followed, not replaced by a
 * file), its text and values, and its byte-order mark. A class and not a record, so that no
 * {@code toString} can print the values it holds.
 */
final class TargetEnvFile {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path given;
    private final Path real;
    private final byte[] bytes;
    private final String text;
    private final Map<String, String> values;

    private TargetEnvFile(Path given, Path real, byte[] bytes, String text, Map<String, String> values) {
        this.given = given;
        this.real = real;
        this.bytes = bytes;
        this.text = text;
        this.values = values;
    }

    /** The file as it is, or an empty one to create when {@code to} does not exist (its directory must). */
    static TargetEnvFile read(Path to, Secrets secrets) {
        if (!Files.exists(to)) {
            Path dir = to.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new FerryException(ErrorCode.FILE_NOT_FOUND, "the directory " + dir + " of the target env file " + to + " does not exist",
                        "create it first, or check the path");
            }
            return new TargetEnvFile(to, to.toAbsolutePath(), null, "", Map.of());
        }
        Map<String, String> values = secrets.load(to, "the target env file");
        try {
            Path real = to.toRealPath();
            byte[] bytes = Files.readAllBytes(real);
            String text = TextFiles.readUtf8(real, "the target env file", "check the path " + to);
            return new TargetEnvFile(to, real, bytes, text, values);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONFIG, "cannot read the target env file " + to + ": " + e.getMessage(), "check that it is readable", e);
        }
    }

    boolean exists() {
        return bytes != null;
    }

    String text() {
        return text;
    }

    Map<String, String> values() {
        return values;
    }

    /**
     * Replaces the file with {@code newText} (its byte-order mark kept) once EnvFile reads exactly
     * {@code expected} from the written copy; the backup's path, or null when the file was created.
     */
    Path write(String newText, Map<String, String> expected) {
        boolean bom = exists() && startsWithBom(bytes);
        byte[] content = concat(bom ? BOM : new byte[0], newText.getBytes(StandardCharsets.UTF_8));
        Optional<PosixFileAttributes> attributes;
        try {
            attributes = exists() ? Permissions.of(real) : Optional.empty();
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONFIG, "cannot read the mode and owner of " + given + ": " + e.getMessage(), "check that it is readable", e);
        }
        return new FileReplacement(real, attributes).replace(content, bytes, written -> readsBack(written, expected));
    }

    private void readsBack(Path written, Map<String, String> expected) {
        Map<String, String> read = EnvFile.load(written);
        List<String> wrong = expected.keySet().stream().filter(k -> !expected.get(k).equals(read.get(k))).toList();
        if (!wrong.isEmpty() || !read.keySet().equals(expected.keySet())) {
            throw new FerryException(ErrorCode.STEP_FAILED, "the rewritten " + given + " would not read back "
                    + (wrong.isEmpty() ? "the keys it held" : String.join(", ", wrong)) + " as intended; it was left as it was",
                    "this is a bug in Ferry: copy the keys by hand, and report it with the shape (not the values) of the lines");
        }
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

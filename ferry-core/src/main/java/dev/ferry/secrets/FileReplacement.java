package dev.ferry.secrets;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Replaces a file that holds secrets whole or not at all: the new content goes to a temporary file in
 * the same directory (0600 while it is written, then the old file's mode, owner and group), is forced
 * to disk and checked, and only then renamed over the old one ({@code ATOMIC_MOVE}); a reader or a
 * crash sees the old file or the new one, never half of either. The old content is kept beside it first.
 */
final class FileReplacement {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path file;
    private final Optional<PosixFileAttributes> attributes;

    /** {@code file} must be the real path (no symbolic link), so the rename replaces the file and not a link to it. */
    FileReplacement(Path file, Optional<PosixFileAttributes> attributes) {
        this.file = file.toAbsolutePath();
        this.attributes = attributes;
    }

    /**
     * Writes {@code content} in place of the file; {@code check} reads the finished temporary file
     * and throws if it is wrong, before anything is replaced. {@code old}, when not null, is first kept
     * as {@code NAME.ferry-backup-<UTC>}; its path is returned (null without {@code old}).
     */
    Path replace(byte[] content, byte[] old, Consumer<Path> check) {
        Path dir = file.getParent();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(dir, "." + file.getFileName() + ".", ".ferry-part", Permissions.ownerOnly(dir));
            write(temporary, content);
            keepAttributes(temporary);
            check.accept(temporary);
            Path backup = old == null ? null : backup(old);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
            forceDirectory(dir);
            return backup;
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "cannot write " + file + ": " + e.getMessage() + "; it was left as it was",
                    "check that " + dir + " is writable and has free space", e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private void keepAttributes(Path temporary) {
        if (attributes.isEmpty()) {
            return;
        }
        try {
            Permissions.apply(temporary, attributes.get());
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "cannot give the new " + file + " the owner " + attributes.get().owner().getName()
                    + " and group " + attributes.get().group().getName() + " of the old one (" + e.getMessage() + "); it was left as it was",
                    "run as " + attributes.get().owner().getName() + " or as root, so that the app still reads its env file", e);
        }
    }

    /** The old content beside the file, with its mode, owner and group, under a name no other backup has. */
    private Path backup(byte[] old) throws IOException {
        String name = file.getFileName() + ".ferry-backup-" + STAMP.format(Instant.now());
        Path dir = file.getParent();
        for (int n = 1; ; n++) {
            Path backup = dir.resolve(n == 1 ? name : name + "-" + n);
            try {
                Files.createFile(backup, Permissions.ownerOnly(dir));
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            write(backup, old);
            keepAttributes(backup);
            return backup;
        }
    }

    private static void write(Path target, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** The rename is durable once the directory is on disk; a file system that cannot force a directory has already done what it can. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // Windows and some network file systems refuse to open a directory; the rename itself has happened
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException leftBehind) {
            // a hidden .NAME.*.ferry-part file may stay; it never replaces anything
        }
    }
}

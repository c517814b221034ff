package dev.ferry.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * POSIX modes and owners of files that hold secrets: new ones are made 0600, and a replaced env file
 * keeps the mode, owner and group it had (an app that runs as another user must still read it).
 * Where the file system has no POSIX attributes (Windows) there is nothing to keep.
 */
final class Permissions {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private Permissions() {
    }

    /** The attribute that creates a file 0600 in {@code dir}; none where there are no POSIX modes. */
    static FileAttribute<?>[] ownerOnly(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }

    static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The mode, owner and group of {@code file}; empty where there are none. */
    static Optional<PosixFileAttributes> of(Path file) throws IOException {
        return posix(file) ? Optional.of(Files.readAttributes(file, PosixFileAttributes.class)) : Optional.empty();
    }

    /** Gives {@code file} the mode, owner and group of {@code like}; changes the owner only where it differs (root alone may). */
    static void apply(Path file, PosixFileAttributes like) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes now = view.readAttributes();
        if (!now.owner().equals(like.owner())) {
            view.setOwner(like.owner());
        }
        if (!now.group().equals(like.group())) {
            view.setGroup(like.group());
        }
        view.setPermissions(like.permissions());
    }
}

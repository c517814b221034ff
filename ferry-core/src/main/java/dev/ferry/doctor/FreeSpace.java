package dev.ferry.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many bytes can still be written where a directory lives. A function rather than a direct call
 * to the file store so that the "less than twice the database" failure is tested with a made-up
 * figure: no test can fill a disk, and this machine cannot mount a small one.
 */
@FunctionalInterface
public interface FreeSpace {
    /** The file store's usable space, as {@code ferry backup} will find it. */
    FreeSpace FILE_STORE = directory -> Files.getFileStore(directory).getUsableSpace();

    /** @param directory an existing directory */
    long usableBytes(Path directory) throws IOException;
}

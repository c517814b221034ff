package dev.ferry.backup;

import java.nio.file.Path;

/** A backup taken: its directory, and its manifest. */
public record BackupResult(String directory, Manifest manifest) {

    public Path path() {
        return Path.of(directory);
    }
}

package dev.ferry.testkit;

import dev.ferry.backup.Manifest;

import java.util.Map;
import java.util.stream.Collectors;

/** A backup's manifest as "rows:checksum" per table, to compare two backups (or a backup and a restore) table for table. */
public final class ManifestChecksums {
    private ManifestChecksums() {
    }

    public static Map<String, String> checksums(Manifest m) {
        return m.tables().stream().collect(Collectors.toMap(Manifest.TableEntry::qualifiedName, t -> t.rows() + ":" + t.checksum()));
    }
}

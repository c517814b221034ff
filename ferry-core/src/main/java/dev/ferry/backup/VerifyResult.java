package dev.ferry.backup;

import java.util.List;

/**
 * What {@code backup verify} found: per table the manifest's rows and checksum against the
 * restored copy's, and the failure that stopped the restore, if one did.
 */
public record VerifyResult(String backup, String scratch, List<TableCheck> tables, String problem) {

    public boolean passed() {
        return problem == null && tables.stream().allMatch(TableCheck::matches);
    }

    /** @param restoredRows -1 when the table was not restored */
    public record TableCheck(String table, long manifestRows, long restoredRows, String manifestChecksum, String restoredChecksum) {
        public boolean matches() {
            return manifestRows == restoredRows && manifestChecksum.equals(restoredChecksum);
        }
    }
}

package dev.ferry.migrate;

import java.util.List;

/**
 * What {@code ferry migrate} did (or, with --dry-run and --rehearse, would do).
 *
 * @param applied       the migrations run, in order (for a dry run: those that would run)
 * @param schemaVersion the highest applied version afterwards, null when none
 * @param mode          "migrate", "dry-run" or "rehearse"
 * @param warnings      e.g. statements a rehearsal could not run inside its transaction
 */
public record MigrateResult(String url, String mode, List<AppliedMigration> applied, String schemaVersion, List<String> warnings, long elapsedMs) {
}

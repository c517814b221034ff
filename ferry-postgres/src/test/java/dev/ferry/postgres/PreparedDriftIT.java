package dev.ferry.postgres;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.HistoryConfig;
import dev.ferry.migrate.MigrateOptions;
import dev.ferry.migrate.MigrationScanner;
import dev.ferry.migrate.MigrationSet;
import dev.ferry.migrate.Migrations;
import dev.ferry.report.Progress;
import dev.ferry.schema.DiffResult;
import dev.ferry.schema.DiffService;
import dev.ferry.schema.SchemaChange;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialects;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the migrations make, built on a shadow before a plan's downtime (DiffService.prepareDrift), is
 * what the drift check of the same files then uses: no second shadow server; other files get their own.
 */
class PreparedDriftIT {
    @TempDir
    Path dir;

    @Test
    void aPreparedDriftCheckStartsNoShadowOfItsOwnUnlessTheFilesDiffer() throws Exception {
        Files.writeString(dir.resolve("V1__items.sql"), "CREATE TABLE items (id int PRIMARY KEY, hidden boolean NOT NULL DEFAULT false);");
        String db = TestPostgres.createDatabase("prepared_drift");
        List<String> shadows = new ArrayList<>();
        Progress watched = new Progress() {
            @Override
            public void update(String what, long done, long total) {
                if (what.startsWith("starting a shadow database")) {
                    shadows.add(what);
                }
            }

            @Override
            public void finish() {
            }
        };
        try (Database live = Dialects.load().open(DatabaseUrl.parse(TestPostgres.url(db)))) {
            MigrationSet files = MigrationScanner.scanDirectory(dir);
            new Migrations(live, files, HistoryConfig.DEFAULT, Progress.NONE).migrate(MigrateOptions.defaults());
            TestPostgres.execute(db, "ALTER TABLE items DROP COLUMN hidden");
            DiffService diffs = new DiffService(Dialects.load(), dir, null, HistoryConfig.DEFAULT, watched);

            diffs.prepareDrift(live, files, null);
            assertThat(shadows).hasSize(1);
            DiffResult drift = diffs.drift(live, files, null);
            assertThat(drift.changes()).extracting(SchemaChange::object, SchemaChange::summary).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("column public.items.hidden", "missing"));
            assertThat(shadows).as("the prepared model, not a second shadow").hasSize(1);

            Files.writeString(dir.resolve("V2__more.sql"), "ALTER TABLE items ADD COLUMN note text;");
            diffs.drift(live, MigrationScanner.scanDirectory(dir), null);
            assertThat(shadows).as("other files: built anew").hasSize(2);
        }
    }
}

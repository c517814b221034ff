package dev.ferry.postgres;

import dev.ferry.Ferry;
import dev.ferry.migrate.MigrateResult;
import dev.ferry.migrate.MigrationState;
import dev.ferry.migrate.MigrationStatus;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** An application migrating on start-up from its class path, through its own DataSource. */
class LibraryApiIT {

    @Test
    void migratesFromTheClassPathThroughADataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://localhost:" + TestPostgres.port() + "/" + TestPostgres.createDatabase("library"));
        ds.setUser("postgres");
        MigrateResult result = Ferry.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        assertThat(result.applied()).extracting(a -> a.script()).containsExactly("V1__app_users.sql", "sub/V2__email_index.sql");
        assertThat(result.schemaVersion()).isEqualTo("2");
        Ferry again = Ferry.configure().dataSource(ds).load();
        assertThat(again.migrate().applied()).isEmpty();
        assertThat(again.status().migrations()).extracting(MigrationStatus::state).containsOnly(MigrationState.APPLIED);
    }
}

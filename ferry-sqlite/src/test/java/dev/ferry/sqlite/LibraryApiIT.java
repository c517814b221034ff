package dev.ferry.sqlite;

import dev.ferry.Ferry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LibraryApiIT {

    @Test
    void migratesASqliteFileThroughADataSource(@TempDir Path dir) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
        assertThat(Ferry.configure().dataSource(ds).load().migrate().applied()).extracting(a -> a.version()).containsExactly("1");
    }
}

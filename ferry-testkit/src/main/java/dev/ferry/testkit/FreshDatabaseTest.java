package dev.ferry.testkit;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The base of the contract suites: each test gets a fresh, empty database of the subclass's
 * dialect, open as {@link #database}, and a directory of its own.
 */
public abstract class FreshDatabaseTest {
    @TempDir
    protected Path dir;
    protected Database database;
    protected DatabaseUrl url;

    protected abstract Dialect dialect();

    /** A new, empty database for one test. */
    protected abstract DatabaseUrl newDatabase();

    @BeforeEach
    void openDatabase() {
        url = newDatabase();
        database = dialect().open(url);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}

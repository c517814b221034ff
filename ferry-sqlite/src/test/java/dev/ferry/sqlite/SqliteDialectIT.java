package dev.ferry.sqlite;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Dialect;
import dev.ferry.testkit.Chinook;
import dev.ferry.testkit.DialectContract;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SqliteDialectIT extends DialectContract {
    @TempDir
    static Path dir;

    @Override
    protected Dialect dialect() {
        return new SqliteDialect();
    }

    @Override
    protected DatabaseUrl chinookDatabase() {
        return DatabaseUrl.parse("sqlite:" + Chinook.sqliteCopy(dir));
    }

    @Override
    protected String expectedProduct() {
        return "SQLite";
    }

    @Test
    void aMissingFileIsAnErrorNotANewDatabase() {
        Path missing = dir.resolve("typo.db");
        FerryException e = catchThrowableOfType(FerryException.class, () -> dialect().open(DatabaseUrl.parse("sqlite:" + missing)));
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DATABASE);
        assertThat(e.getMessage()).contains(missing.toString(), "does not exist");
        assertThat(missing).doesNotExist();
    }
}

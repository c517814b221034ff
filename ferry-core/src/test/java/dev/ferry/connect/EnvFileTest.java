package dev.ferry.connect;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EnvFileTest {
    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve(".env"), content);
    }

    @Test
    void readsTheDotenvDialect() throws IOException {
        Map<String, String> values = EnvFile.load(write("""
                # a comment
                DATABASE_URL=postgres://app:pw@db/shop
                export JWT_SECRET="two words # not a comment"
                SINGLE='it''s raw'
                TRAILING=value # a comment
                EMPTY=

                SPACED = x
                """));
        assertThat(values).containsEntry("DATABASE_URL", "postgres://app:pw@db/shop")
                .containsEntry("JWT_SECRET", "two words # not a comment")
                .containsEntry("SINGLE", "it")
                .containsEntry("TRAILING", "value")
                .containsEntry("EMPTY", "")
                .containsEntry("SPACED", "x");
    }

    @Test
    void errorsNameLineAndColumnButNeverTheValue() throws IOException {
        Path file = write("OK=1\n  JWT_SECRET=\"unterminated-s3cret\n");
        FerryException e = catchThrowableOfType(FerryException.class, () -> EnvFile.load(file));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
        assertThat(e.getMessage()).contains(".env line 2, column 14", "quote").doesNotContain("s3cret");

        Path noEquals = write("just-a-s3cret-word\n");
        assertThat(catchThrowableOfType(FerryException.class, () -> EnvFile.load(noEquals)).getMessage())
                .contains("line 1", "KEY=value").doesNotContain("s3cret");
    }

    @Test
    void aMissingExplicitFileIsAUsageError() {
        FerryException e = catchThrowableOfType(FerryException.class, () -> EnvFile.load(dir.resolve("nope.env")));
        assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
        assertThat(e.exitCode().code()).isEqualTo(2);
    }

    @Test
    void aByteOrderMarkIsIgnored() throws IOException {
        assertThat(EnvFile.load(write("\uFEFFDATABASE_URL=sqlite:x.db\n"))).containsEntry("DATABASE_URL", "sqlite:x.db");
    }

    @Test
    void aLatin1FileIsNamedAsNotUtf8WithAHint() throws IOException {
        Path f = dir.resolve(".env");
        Files.write(f, "A=1\nNAME=caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        FerryException e = catchThrowableOfType(FerryException.class, () -> EnvFile.load(f));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
        assertThat(e.getMessage()).contains(".env", "not UTF-8", "line 2");
        assertThat(e.hint().orElseThrow()).contains("iconv");
    }
}

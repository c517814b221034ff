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

/** ferry.yaml as users write it: ${VAR} in any value, and plain sentences for ordinary mistakes. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("ferry.yaml"), yaml);
    }

    private static FerryConfig load(Path file, Map<String, String> env) {
        return ConfigLoader.load(file, new Variables(env, Map.of()));
    }

    private static FerryException failure(Path file, Map<String, String> env) {
        FerryException e = catchThrowableOfType(FerryException.class, () -> load(file, env));
        assertThat(e).as("an error").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
        assertThat(e.hint()).isPresent();
        assertThat(e.getMessage()).doesNotContain("dev.ferry", "Exception", "`");
        return e;
    }

    @Test
    void expandsVariablesInEveryValue() throws IOException {
        Path f = file("""
                migrations: ${MYDIR}/sql
                history: { table: "${HISTORY_TABLE:-ferry_history}", schema: "${HISTORY_SCHEMA}" }
                environments:
                  prod: { url: "${PROD_URL}", protected: "${PROD_PROTECTED:-true}" }
                """);
        FerryConfig config = load(f, Map.of("MYDIR", "db", "HISTORY_SCHEMA", "ops"));
        assertThat(config.migrations()).isEqualTo("db/sql");
        assertThat(config.history()).isEqualTo(new HistoryConfig("ferry_history", "ops"));
        assertThat(config.environments().get("prod").isProtected()).isTrue();
        assertThat(config.environments().get("prod").url()).as("expanded when used").isEqualTo("${PROD_URL}");
    }

    @Test
    void anUndefinedVariableNamesTheKeyFileAndLine() throws IOException {
        Path f = file("# settings\nmigrations: ${MYDIR}\n");
        assertThat(failure(f, Map.of()).getMessage()).contains("ferry.yaml line 2", "migrations", "${MYDIR}");
        Path g = file("history:\n  table: ${HISTORY_TABLE}\n");
        assertThat(failure(g, Map.of()).getMessage()).contains("ferry.yaml line 2", "history.table", "${HISTORY_TABLE}");
    }

    @Test
    void anEnvironmentUrlWithAnUndefinedVariableNamesFileAndLineWhenUsed() throws IOException {
        file("environments:\n  dev: { url: \"sqlite:dev.db\" }\n  prod: { url: \"${PROD_URL}\" }\n");
        Workspace ws = Workspace.load(dir, null, null, Map.of(), new SecretMask());
        FerryException e = catchThrowableOfType(FerryException.class, () -> ws.resolveTarget(null, "prod"));
        assertThat(e.getMessage()).contains("ferry.yaml line 3", "environments.prod.url", "${PROD_URL}");
    }

    @Test
    void anEmptyFileIsAnErrorWithAHint() throws IOException {
        assertThat(failure(file(""), Map.of()).getMessage()).contains("ferry.yaml is empty");
        assertThat(failure(file("# nothing yet\n"), Map.of()).getMessage()).contains("ferry.yaml is empty");
    }

    @Test
    void aValueOfTheWrongShapeSaysWhatWasExpectedInWords() throws IOException {
        FerryException e = failure(file("migrations: db\nhistory: foo\n"), Map.of());
        assertThat(e.getMessage()).contains("ferry.yaml line 2", "'history'", "table", "not the text 'foo'");
        FerryException list = failure(file("environments: [dev, prod]\n"), Map.of());
        assertThat(list.getMessage()).contains("ferry.yaml line 1", "'environments'", "not a list");
        FerryException bool = failure(file("environments:\n  prod: { url: x, protected: maybe }\n"), Map.of());
        assertThat(bool.getMessage()).contains("ferry.yaml line 2", "'environments.prod.protected'", "true or false");
        FerryException noUrl = failure(file("environments:\n  prod: { protected: true }\n"), Map.of());
        assertThat(noUrl.getMessage()).contains("ferry.yaml line 2", "'environments.prod'", "url");
    }

    @Test
    void aDuplicateKeyNamesBothLines() throws IOException {
        FerryException e = failure(file("""
                environments:
                  prod: { url: "sqlite:a.db" }
                  dev: { url: "sqlite:b.db" }
                  prod: { url: "sqlite:c.db" }
                """), Map.of());
        assertThat(e.getMessage()).contains("'environments.prod'", "lines 2 and 4");
        FerryException top = failure(file("migrations: a\nmigrations: b\n"), Map.of());
        assertThat(top.getMessage()).contains("'migrations'", "lines 1 and 2");
    }

    @Test
    void aLatin1FileIsNamedAsNotUtf8() throws IOException {
        Path f = dir.resolve("ferry.yaml");
        Files.write(f, "# caf\u00e9\nmigrations: db\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        FerryException e = failure(f, Map.of());
        assertThat(e.getMessage()).contains("ferry.yaml", "not UTF-8", "line 1");
        assertThat(e.hint().orElseThrow()).contains("UTF-8", "iconv");
    }

    @Test
    void aByteOrderMarkIsIgnored() throws IOException {
        Path f = dir.resolve("ferry.yaml");
        Files.writeString(f, "\uFEFFmigrations: db\n");
        assertThat(load(f, Map.of()).migrations()).isEqualTo("db");
    }
}

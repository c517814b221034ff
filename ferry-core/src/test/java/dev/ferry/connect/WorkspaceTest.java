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

class WorkspaceTest {
    @TempDir
    Path dir;
    private final SecretMask mask = new SecretMask();

    private Workspace load(Map<String, String> environment) {
        return Workspace.load(dir, null, null, environment, mask);
    }

    private void config(String yaml) throws IOException {
        Files.writeString(dir.resolve("ferry.yaml"), yaml);
    }

    @Test
    void resolvesUrlThenEnvThenFerryUrlThenDatabaseUrl() throws IOException {
        config("""
                environments:
                  dev: { url: "sqlite:dev.db" }
                """);
        Map<String, String> env = Map.of("FERRY_URL", "sqlite:ferry.db", "DATABASE_URL", "sqlite:database.db");
        Workspace ws = load(env);
        assertThat(ws.resolveTarget("sqlite:option.db", "dev").url().path()).contains("option.db");
        assertThat(ws.resolveTarget(null, "dev").url().path()).contains("dev.db");
        assertThat(ws.resolveTarget(null, "dev").source()).isEqualTo("environment dev");
        assertThat(ws.resolveTarget(null, null).url().path()).contains("ferry.db");
        assertThat(load(Map.of("DATABASE_URL", "sqlite:database.db")).resolveTarget(null, null).source()).isEqualTo("DATABASE_URL");
    }

    @Test
    void expandsVariablesFromTheEnvironmentBeforeTheEnvFile() throws IOException {
        config("""
                environments:
                  prod: { url: "${PROD_URL}", protected: true }
                  stage: { url: "${STAGE_URL:-sqlite:stage.db}" }
                """);
        Files.writeString(dir.resolve(".env"), "PROD_URL=postgres://app:fromfile@db/prod\nJWT_SECRET=jwt-s3cret-value\n");
        Target prod = load(Map.of()).resolveTarget(null, "prod");
        assertThat(prod.url().password()).contains("fromfile");
        assertThat(prod.isProtected()).isTrue();
        assertThat(load(Map.of("PROD_URL", "postgres://app:fromenv@db/prod")).resolveTarget(null, "prod").url().password()).contains("fromenv");
        assertThat(load(Map.of()).resolveTarget(null, "stage").url().path()).contains("stage.db");
        assertThat(mask.apply("jwt-s3cret-value fromfile public")).as("every secret read, but not a common word").isEqualTo("*** *** public");
        assertThat(mask.apply("password=fromfile")).isEqualTo("password=***");
    }

    @Test
    void namesAMissingVariableAndTheSettingThatUsesIt() throws IOException {
        config("environments:\n  prod: { url: \"${PROD_DATABASE_URL}\" }\n");
        FerryException e = catchThrowableOfType(FerryException.class, () -> load(Map.of()).resolveTarget(null, "prod"));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
        assertThat(e.getMessage()).contains("environments.prod.url", "${PROD_DATABASE_URL}");
    }

    @Test
    void unknownKeysAreNamedWithTheirLine() throws IOException {
        config("migrations: db\nenviroments:\n  dev: { url: x }\n");
        FerryException e = catchThrowableOfType(FerryException.class, () -> load(Map.of()));
        assertThat(e.getMessage()).contains("ferry.yaml line 2, column 1", "unknown key 'enviroments'", "environments");
    }

    @Test
    void malformedYamlNamesLineAndColumn() throws IOException {
        config("environments:\n  dev: { url: \"sqlite:x\"\n  prod: [\n");
        FerryException e = catchThrowableOfType(FerryException.class, () -> load(Map.of()));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
        assertThat(e.getMessage()).containsPattern("ferry.yaml line \\d+, column \\d+: not valid YAML");
    }

    @Test
    void twoEnvironmentsOnOneDatabaseAreAnErrorUnlessBothAreShared() throws IOException {
        config("""
                environments:
                  staging: { url: "postgres://a@db:5432/shop" }
                  prod: { url: "postgres://b@db:5432/shop" }
                """);
        assertThat(catchThrowableOfType(FerryException.class, () -> load(Map.of())).getMessage())
                .contains("'prod' and 'staging' point at the same database");
        config("""
                environments:
                  staging: { url: "postgres://a@db:5432/shop", shared: true }
                  prod: { url: "postgres://b@db:5432/shop", shared: true }
                """);
        assertThat(load(Map.of()).config().environments()).hasSize(2);
    }

    @Test
    void doctorLoadsTwoEnvironmentsOnOneDatabaseToReportThem() throws IOException {
        config("""
                environments:
                  staging: { url: "postgres://a@db:5432/shop" }
                  prod: { url: "postgres://b@db:5432/shop", protected: true }
                """);
        Workspace workspace = Workspace.loadForDoctor(dir, null, null, Map.of(), mask);
        assertThat(workspace.config().environments()).containsOnlyKeys("staging", "prod");
        assertThat(workspace.resolveTarget(null, "prod").isProtected()).isTrue();
    }

    @Test
    void unknownEnvironmentAndNoDatabaseAreUsageErrorsWithHints() throws IOException {
        config("environments:\n  dev: { url: \"sqlite:x\" }\n");
        FerryException unknown = catchThrowableOfType(FerryException.class, () -> load(Map.of()).resolveTarget(null, "prd"));
        assertThat(unknown.getMessage()).contains("no environment 'prd'", "known: dev");
        FerryException none = catchThrowableOfType(FerryException.class, () -> load(Map.of()).resolveTarget(null, null));
        assertThat(none.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(none.hint()).hasValueSatisfying(h -> assertThat(h).contains("--url", "FERRY_URL", "DATABASE_URL"));
    }

    @Test
    void anExplicitConfigFileMustExist() {
        FerryException e = catchThrowableOfType(FerryException.class, () -> Workspace.load(dir, Path.of("missing.yaml"), null, Map.of(), mask));
        assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
        assertThat(e.getMessage()).contains("missing.yaml");
    }

    @Test
    void defaultsApplyWithoutAConfigFile() {
        FerryConfig config = load(Map.of()).config();
        assertThat(config.migrations()).isEqualTo("migrations");
        assertThat(config.history().table()).isEqualTo("ferry_history");
        assertThat(config.environments()).isEmpty();
    }
}

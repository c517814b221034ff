package dev.ferry.demo;

import dev.ferry.connect.EnvFile;
import dev.ferry.connect.SecretMask;
import dev.ferry.connect.Target;
import dev.ferry.connect.Workspace;
import dev.ferry.cutover.Plan;
import dev.ferry.cutover.PlanFile;
import dev.ferry.copy.MappingFile;
import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workspace ferry demo writes: every file from the jar, read back by the loaders that ferry run uses, wherever the directory is. */
class DemoWorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void itsFilesLoadAsFerryReadsThemAndBothEnvironmentsNameItsOwnDataDirectoryEvenThroughSpacesAndAmpersands() {
        DemoWorkspace ws = DemoWorkspace.at(dir.resolve("a demo & more"));
        ws.requireUsable();
        ws.write(new SecureRandom());

        Workspace workspace = Workspace.load(ws.dir(), null, null, Map.of(), new SecretMask());
        Target legacy = workspace.resolveUrlOrEnvironment("legacy", "--from");
        Target fresh = workspace.resolveUrlOrEnvironment("new", "--to");
        assertThat(legacy.url().path()).contains(ws.dataDirectory().toString());
        assertThat(fresh.url().path()).contains(ws.dataDirectory().toString());
        assertThat(legacy.url().database()).contains(DemoWorkspace.LEGACY_DATABASE);
        assertThat(fresh.url().database()).contains(DemoWorkspace.NEW_DATABASE);

        Plan plan = PlanFile.load(Path.of("PLAN.yaml"), ws.dir().resolve("PLAN.yaml"));
        assertThat(plan.source().environment()).isEqualTo("legacy");
        assertThat(plan.target().environment()).isEqualTo("new");
        assertThat(plan.rollback()).hasSize(1);
        assertThat(MappingFile.load(Path.of("mapping.yaml"), ws.dir().resolve("mapping.yaml"))).isNotNull();
        assertThat(ws.dir().resolve("legacy.sql")).content().contains("CREATE TABLE \"coursePayments\"");
        assertThat(ws.dir().resolve("migrations/V1__new_schema.sql")).content().contains("CREATE TABLE enrollments");
    }

    @Test
    void eachServersEnvFileHoldsSecretsOfItsOwn() {
        DemoWorkspace ws = DemoWorkspace.at(dir);
        ws.write(new SecureRandom());

        Map<String, String> old = EnvFile.load(ws.dir().resolve("old/.env"));
        Map<String, String> fresh = EnvFile.load(ws.dir().resolve(".env"));
        for (String key : new String[] {"NEXTAUTH_SECRET", "JWT_SECRET"}) {
            assertThat(old.get(key)).as(key).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(fresh.get(key));
            assertThat(fresh.get(key)).as(key).hasSizeGreaterThanOrEqualTo(32);
        }
    }

    @Test
    void onlyAnEarlierDemoIsCleared() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> DemoWorkspace.at(mine).requireUsable()).isInstanceOf(FerryException.class)
                .hasMessageContaining("is not empty and is not an earlier ferry demo");
        assertThatThrownBy(() -> DemoWorkspace.at(mine).clear()).isInstanceOf(IllegalStateException.class);
        assertThat(mine.resolve("notes.txt")).exists();

        DemoWorkspace earlier = DemoWorkspace.at(dir.resolve("earlier"));
        earlier.write(new SecureRandom());
        Files.writeString(earlier.dir().resolve("notes.txt"), "left inside the demo");
        earlier.requireUsable();
        assertThat(earlier.holdsEarlierDemo()).isTrue();
        earlier.clear();
        try (var left = Files.list(earlier.dir())) {
            assertThat(left).isEmpty();
        }
        assertThat(earlier.dir()).isDirectory();
    }
}

package dev.ferry.cutover;

import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PlanFileTest {
    private static final String GOOD = """
            source: { url: "${OLD_DATABASE_URL}" }
            target: { env: prod }
            steps:
              - { id: stop_app,   shell: "pm2 stop web" }
              - { downtime: begin }
              - { id: secrets,    secrets: { source: old/.env, target: .env, keys: [NEXTAUTH_SECRET, JWT_SECRET] } }
              - { id: backup_old, backup: source }
              - { id: backup_new, backup: { of: target, verify: true } }
              - { id: restore,    restore: { from: "${steps.backup_old.dir}", to: target, clean: true } }
              - { id: migrate,    migrate: target }
              - { id: heal,       heal-drift: target }
              - { id: validate,   validate: { checks: checks.yaml, baseline: "${steps.backup_old.dir}" } }
              - { id: start_app,  shell: { command: "pm2 restart web", timeout: 30 } }
              - { downtime: end }
              - { id: smoke,      http: { url: "http://localhost:3000/", expect: 200, retries: 10 } }
            rollback:
              - { restore: { from: "${steps.backup_new.dir}", to: target, clean: true } }
              - { shell: "pm2 restart web" }
            """;

    @TempDir
    Path dir;

    private Plan load(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("PLAN.yaml"), text);
        return PlanFile.load(Path.of("PLAN.yaml"), file);
    }

    @Test
    void readsEveryStepWithItsOptionsAndThePointOfNoReturnAtDowntime() throws Exception {
        Plan plan = load(GOOD);

        assertThat(plan.source()).isEqualTo(new Plan.Endpoint(null, "${OLD_DATABASE_URL}"));
        assertThat(plan.target()).isEqualTo(new Plan.Endpoint("prod", null));
        assertThat(plan.steps()).extracting(Step::id).containsExactly("stop_app", "step2", "secrets", "backup_old", "backup_new", "restore", "migrate",
                "heal", "validate", "start_app", "step11", "smoke");
        assertThat(plan.steps().get(1).marks("begin")).isTrue();
        assertThat(plan.steps().get(2).option("keys")).contains(List.of("NEXTAUTH_SECRET", "JWT_SECRET"));
        assertThat(plan.steps().get(4).flag("verify")).isTrue();
        assertThat(plan.steps().get(6).option("on")).contains("target");
        assertThat(plan.steps().get(9).option("timeout")).contains(30);
        assertThat(plan.steps().get(11).line()).isEqualTo(15);
        assertThat(plan.pointOfNoReturn()).isEqualTo(1);
        assertThat(plan.rollback()).extracting(Step::id).containsExactly("rollback1", "rollback2");
        assertThat(plan.checksum()).hasSize(64);
    }

    @ParameterizedTest
    @CsvSource({"server-move, 13, 2", "legacy-to-new, 6, 1"})
    void theExamplesPlansAreSound(String example, int steps, int rollback) {
        Path file = Path.of(System.getProperty("user.dir")).getParent().resolve("examples").resolve(example).resolve("PLAN.yaml");
        Plan plan = PlanFile.load(file, file);
        assertThat(plan.steps()).hasSize(steps);
        assertThat(plan.rollback()).hasSize(rollback);
        assertThat(plan.steps().get(plan.pointOfNoReturn()).marks("begin")).isTrue();
    }

    @Test
    void withoutDowntimeTheFirstStepThatChangesTheTargetIsThePointOfNoReturn() throws Exception {
        Plan plan = load("""
                source: { env: old }
                target: { env: new }
                steps:
                  - { id: backup_new, backup: target }
                  - { id: copy, copy: { mapping: mapping.yaml } }
                  - { id: validate, validate: checks.yaml }
                """);
        assertThat(plan.pointOfNoReturn()).isEqualTo(1);
        assertThat(plan.steps().get(2).option("checks")).contains("checks.yaml");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "  - { id: x, shel: ls }                                        | line 4, column 12: unknown kind of step 'shel'",
            "  - { id: x, shell: ls, http: 'http://x/' }                    | line 4, column 23: one step per list item",
            "  - { id: x, backup: { of: target, out: b, zip: true } }       | line 4, column 42: unknown option 'zip' of backup",
            "  - { id: x, migrate: staging }                                | line 4, column 12: migrate on: names a database of the plan, source or target, not 'staging'",
            "  - { id: x, restore: { from: '${steps.later.dir}', to: target } } | line 4, column 23: ${steps.later.dir} names no earlier step",
            "  - { id: Bad-Id, shell: ls }                                  | line 4, column 5: an id is lower-case letters",
            "  - { id: x, shell: { command: ls, timeout: soon } }           | line 4, column 34: shell timeout: is a whole number from 0",
            "  - { id: x, secrets: { source: a.env, target: b.env } }       | line 4, column 12: secrets needs keys:",
            "  - { downtime: end }                                          | downtime ends before it begins",
            "  - { id: x, downtime: later }                                 | downtime: is begin or end, not 'later'",
    })
    void aMistakeNamesTheFileLineAndColumn(String step, String message) throws Exception {
        FerryException e = catchThrowableOfType(FerryException.class, () -> load("source: { env: a }\ntarget: { env: b }\nsteps:\n" + step.strip() + "\n"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("PLAN.yaml").contains(message);
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("docs/cutover.md"));
    }

    @Test
    void aReferenceToAnOutputTheStepDoesNotGiveIsNamed() throws Exception {
        FerryException e = catchThrowableOfType(FerryException.class, () -> load("""
                source: { env: a }
                target: { env: b }
                steps:
                  - { id: mig, migrate: target }
                  - { id: x, shell: "echo ${steps.mig.dir}" }
                  - { id: x, shell: ls }
                """));
        assertThat(e.getMessage()).contains("line 5", "${steps.mig.dir}: a migrate step gives applied, schemaVersion, not dir");
        FerryException twice = catchThrowableOfType(FerryException.class, () -> load("""
                source: { env: a }
                target: { env: b }
                steps:
                  - { id: x, shell: ls }
                  - { id: x, shell: pwd }
                """));
        assertThat(twice.getMessage()).contains("line 5", "the id 'x' is used twice (also on line 4)");
        FerryException noTarget = catchThrowableOfType(FerryException.class, () -> load("source: { env: a }\nsteps:\n  - { shell: ls }\n"));
        assertThat(noTarget.getMessage()).contains("the plan needs target: { env: NAME } or { url: URL }");
    }
}

package dev.ferry.cli;

import dev.ferry.testkit.TestMariaDb;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static dev.ferry.testkit.Sql.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/** ferry copy --mapping from a legacy MariaDB schema into a new PostgreSQL one: dry run, the copy, and mistakes named by line. */
class MappedCopyIT {
    private static final String MAPPING = """
            unmapped: ignore
            tables:
              students: { from: users, where: "role = 'STUDENT'", columns: { user_id: id } }
              users:
                from: users
                columns: { id: id, email: "lower(email)", name: "coalesce(name, '')" }
                unique: [email]
                onDuplicate: first
              tutors: { from: users, where: "role = 'TUTOR'", columns: { user_id: id } }
              enrollments:
                from: "select p.id, p.user_id, p.course, p.amount from payments p join users u on u.id = p.user_id where u.role = 'STUDENT'"
                columns: { id: id, user_id: user_id, course: course, paid: amount }
            """;

    @TempDir
    Path dir;
    private String source;
    private String target;

    @BeforeEach
    void legacyAndNewSchemas() {
        source = TestMariaDb.createDatabase("legacy");
        TestMariaDb.execute("CREATE TABLE `" + source + "`.users (id int AUTO_INCREMENT PRIMARY KEY, email varchar(100), name varchar(100), role varchar(20))");
        TestMariaDb.execute("INSERT INTO `" + source + "`.users VALUES (1, 'Ann@X.com', 'Ann', 'STUDENT'), (2, 'bob@x.com', NULL, 'TUTOR'),"
                + " (3, 'ann@x.com', 'Ann again', 'GUEST'), (4, 'cy@x.com', 'Cy', 'STUDENT')");
        TestMariaDb.execute("CREATE TABLE `" + source + "`.payments (id int PRIMARY KEY, user_id int, course varchar(20), amount decimal(8,2))");
        TestMariaDb.execute("INSERT INTO `" + source + "`.payments VALUES (10, 1, 'sql', 49.50), (11, 4, 'java', 99.00), (12, 2, 'sql', 10.00)");
        TestMariaDb.execute("CREATE TABLE `" + source + "`.events (id int PRIMARY KEY)");
        target = TestPostgres.createDatabase("newschema");
        TestPostgres.execute(target, "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL);"
                + " CREATE TABLE students (user_id int PRIMARY KEY REFERENCES users); CREATE TABLE tutors (user_id int PRIMARY KEY REFERENCES users);"
                + " CREATE TABLE enrollments (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users, course text, paid numeric(8,2))");
    }

    private CliRun copy(String mapping, String... more) throws Exception {
        Files.writeString(dir.resolve("mapping.yaml"), mapping);
        String[] args = new String[6 + more.length];
        System.arraycopy(new String[] {"copy", "--from", TestMariaDb.url(source), "--to", TestPostgres.url(target)}, 0, args, 0, 5);
        args[5] = "--mapping=mapping.yaml";
        System.arraycopy(more, 0, args, 6, more.length);
        return CliRun.inProcess(dir, Map.of(), args);
    }

    @Test
    void aDryRunShowsEachTargetsQueryAndRowsInLoadOrderAndWritesNothing() throws Exception {
        CliRun plan = copy(MAPPING, "--dry-run");
        assertThat(plan.exit()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("public.users", "public.students", "public.tutors", "public.enrollments", "ROW_NUMBER() OVER",
                "nothing was written", "events");
        assertThat(plan.out().indexOf("public.users")).as("users load before the tables that refer to them").isLessThan(plan.out().indexOf("public.students"));
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM users")).isZero();
        }
    }

    @Test
    void theMappingFillsTheNewSchemaReferencedTablesFirstFirstOfEachDuplicateKept() throws Exception {
        CliRun run = copy(MAPPING, "--verify");
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("Copied", "4 tables");
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM users")).as("ann@x.com twice: the first row kept").isEqualTo(3);
            assertThat(scalar(s, "SELECT COUNT(*) FROM students")).isEqualTo(2);
            assertThat(scalar(s, "SELECT COUNT(*) FROM tutors")).isEqualTo(1);
            assertThat(scalar(s, "SELECT COUNT(*) FROM enrollments")).isEqualTo(2);
            try (ResultSet r = s.executeQuery("SELECT email, name FROM users ORDER BY id")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("ann@x.com");
                assertThat(r.next()).isTrue();
                assertThat(r.getString(2)).as("coalesce(name, '')").isEmpty();
            }
            assertThat(scalar(s, "SELECT nextval('enrollments_id_seq')")).as("ids preserved, the sequence past them").isEqualTo(12);
            assertThat(scalar(s, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'ferry_copy_state'")).isZero();
        }
        CliRun again = copy(MAPPING);
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already hold rows", "nothing was changed");
    }

    @Test
    void mistakesAreNamedByTheirLineBeforeAnythingIsWritten() throws Exception {
        CliRun typo = copy(MAPPING.replace("lower(email)", "lower(emial)"));
        assertThat(typo.exit()).as(typo.all()).isEqualTo(2);
        assertThat(typo.err()).contains("mapping.yaml line 6", "users.email = lower(emial) does not run on the source");

        CliRun column = copy(MAPPING.replace("name: \"coalesce(name, '')\"", "nom: name"));
        assertThat(column.exit()).isEqualTo(2);
        assertThat(column.err()).contains("users has no column nom on the target");

        CliRun notNull = copy(MAPPING.replace(", name: \"coalesce(name, '')\"", ""));
        assertThat(notNull.err()).contains("users.name is NOT NULL and has no default");

        CliRun duplicates = copy(MAPPING.replace("onDuplicate: first", "onDuplicate: fail"));
        assertThat(duplicates.exit()).as(duplicates.all()).isEqualTo(1);
        assertThat(duplicates.err()).contains("email repeats in the source", "ann@x.com (2 rows)", "nothing was copied");

        CliRun unmapped = copy(MAPPING.replace("unmapped: ignore", "unmapped: fail"));
        assertThat(unmapped.exit()).isEqualTo(2);
        assertThat(unmapped.err()).contains("no target is filled from", "events");
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM users")).isZero();
            assertThat(scalar(s, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'ferry_copy_state'")).isZero();
        }
    }

    private static final String SETTING_ASIDE = """
            unmapped: keep-in-schema legacy
            tables:
              users:
                from: users
                columns: { id: id, email: "lower(email)", name: "coalesce(name, '')" }
                unique: [email]
                onDuplicate: quarantine
              enrollments:
                from: "select id, user_id, course, amount from payments"
                columns: { id: id, user_id: user_id, course: course, paid: amount }
            """;

    @Test
    void duplicatesAreQuarantinedRefusedRowsSetAsideAndUnmappedTablesKeptInLegacy() throws Exception {
        TestMariaDb.execute("INSERT INTO `" + source + "`.payments VALUES (13, 99, 'orphan', 5.00)");
        TestMariaDb.execute("INSERT INTO `" + source + "`.events VALUES (1), (2), (3)");
        CliRun plan = copy(SETTING_ASIDE, "--dry-run");
        assertThat(plan.exit()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("ferry_quarantine.users", "legacy.events", "legacy.payments", "kept as they are in schema legacy");

        CliRun refused = copy(SETTING_ASIDE);
        assertThat(refused.exit()).as(refused.all()).isEqualTo(4);
        assertThat(refused.err()).contains("enrollments", "user_id", "99", "--max-rejects");

        CliRun run = copy(SETTING_ASIDE, "--resume", "--max-rejects=5", "--verify");
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("quarantined", "rejected");
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM users")).isEqualTo(3);
            try (ResultSet r = s.executeQuery("SELECT id, email, name, ferry_reason FROM ferry_quarantine.users")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).as("the later of the two ann@x.com").isEqualTo(3);
                assertThat(r.getString(2)).isEqualTo("ann@x.com");
                assertThat(r.getString(4)).contains("email repeats a row kept in public.users");
                assertThat(r.next()).isFalse();
            }
            assertThat(scalar(s, "SELECT COUNT(*) FROM enrollments")).isEqualTo(3);
            assertThat(scalar(s, "SELECT COUNT(*) FROM legacy.events")).isEqualTo(3);
            assertThat(scalar(s, "SELECT COUNT(*) FROM legacy.payments")).as("used only inside a query: kept too").isEqualTo(4);
            assertThat(scalar(s, "SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 'legacy.events'::regclass AND contype = 'p'")).isEqualTo(1);
        }
        List<String> rejected = Files.readAllLines(dir.resolve("rejects/enrollments.jsonl"));
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0)).contains("\"user_id\":99", "\"course\":\"orphan\"", "is not present in table");

        CliRun again = copy(SETTING_ASIDE, "--truncate", "--max-rejects=5");
        assertThat(again.exit()).as("--truncate empties the targets and makes the kept and quarantine tables again: " + again.all()).isZero();
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM legacy.events")).isEqualTo(3);
            assertThat(scalar(s, "SELECT COUNT(*) FROM ferry_quarantine.users")).isEqualTo(1);
        }
    }

    @Test
    void pastMaxRejectsTheCopyStopsNamingTheFileAndLoadsNothingOfThatTable() throws Exception {
        TestMariaDb.execute("INSERT INTO `" + source + "`.payments VALUES (13, 99, 'orphan', 5.00), (14, 98, 'orphan', 6.00)");
        CliRun run = copy(SETTING_ASIDE.replace("keep-in-schema legacy", "ignore"), "--max-rejects=1");
        assertThat(run.exit()).as(run.all()).isEqualTo(4);
        assertThat(run.err()).contains("more than 1 row rejected", "rejects/enrollments.jsonl", "--resume");
        assertThat(Files.readAllLines(dir.resolve("rejects/enrollments.jsonl"))).hasSize(2);
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM enrollments")).isZero();
            assertThat(scalar(s, "SELECT COUNT(*) FROM users")).as("committed with its checkpoint before").isEqualTo(3);
        }
    }
}

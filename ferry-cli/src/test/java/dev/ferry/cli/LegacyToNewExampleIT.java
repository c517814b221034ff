package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.Sql;
import dev.ferry.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ferry.testkit.Sql.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/legacy-to-new as its README tells it: legacy.sql loaded, the new schema migrated, the
 * mapping dry-run, then copied with --max-rejects 10. Every count, quarantined row and rejected row
 * the README states is read from the README and checked against the databases and the rejects file,
 * and every table the databases hold must be one the README names, so the example and its page
 * cannot drift apart.
 */
class LegacyToNewExampleIT {
    private static final Path EXAMPLE = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/legacy-to-new");
    private static final String LEGACY = "## The legacy database";
    private static final String RESULT = "## What the copy leaves";
    private static final String QUARANTINED = "### Quarantined duplicates";
    private static final String REJECTED = "### Rejected rows";
    /** The schemas the copy writes to; Ferry's own migration history in public is not the example's. */
    private static final String TARGET_TABLES = "SELECT n.nspname || '.' || quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND n.nspname IN ('public', 'ferry_quarantine', 'legacy') AND NOT (n.nspname = 'public' AND c.relname = 'ferry_history')";

    @TempDir
    Path dir;
    private MarkdownTables readme;
    private String legacy;
    private String target;

    @BeforeEach
    void legacyLoadedAndNewSchemaMigrated() throws Exception {
        readme = new MarkdownTables(Files.readString(EXAMPLE.resolve("README.md")));
        legacy = TestPostgres.createDatabase("learnwell_legacy");
        try (Connection c = TestPostgres.connect(legacy)) {
            Sql.runScript(c, Files.readString(EXAMPLE.resolve("legacy.sql")), false);
        }
        target = TestPostgres.createDatabase("learnwell");
        CliRun migrate = ferry("migrate", "--url", TestPostgres.url(target), "--dir", EXAMPLE.resolve("migrations").toString());
        assertThat(migrate.exit()).as(migrate.all()).isZero();
    }

    @Test
    void legacySqlBuildsTheDatabaseTheReadmeDescribes() throws Exception {
        Map<String, Long> stated = readme.counts(LEGACY);
        try (Connection c = TestPostgres.connect(legacy); Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'")).as("every legacy table, and only those, in the README")
                    .containsExactlyInAnyOrderElementsOf(stated.keySet());
            assertThat(counted(s, stated.keySet())).isEqualTo(stated);
        }
    }

    @Test
    void theDryRunChecksTheMappingAgainstBothDatabasesAndWritesNothing() throws Exception {
        CliRun plan = copy("--dry-run");
        assertThat(plan.exit()).as(plan.all()).isZero();
        List<String> targets = readme.counts(RESULT).keySet().stream().filter(t -> t.startsWith("public.")).toList();
        assertThat(plan.out()).contains(targets).contains("coursePayments", "events", "sessions", "nothing was written");
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT COUNT(*) FROM users")).isZero();
            assertThat(scalar(s, "SELECT COUNT(*) FROM pg_namespace WHERE nspname IN ('legacy', 'ferry_quarantine')")).as("no schema made by a dry run").isZero();
        }
        assertThat(dir.resolve("rejects")).doesNotExist();
    }

    @Test
    void theCopyLeavesExactlyWhatTheReadmeStates() throws Exception {
        CliRun copy = copy("--max-rejects", "10");
        assertThat(copy.exit()).as(copy.all()).isZero();
        assertThat(copy.out().toLowerCase(java.util.Locale.ROOT)).as("the summary counts rejects and quarantined rows per table")
                .contains("reject", "quarantined");
        Map<String, Long> stated = readme.counts(RESULT);
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(strings(s, TARGET_TABLES)).as("every table of the new database, and only those, in the README")
                    .containsExactlyInAnyOrderElementsOf(stated.keySet().stream().filter(t -> !t.startsWith("rejects/")).toList());
            Map<String, Long> found = counted(s, stated.keySet().stream().filter(t -> !t.startsWith("rejects/")).toList());
            found.putAll(rejectFiles());
            assertThat(found).isEqualTo(stated);
            theQuarantinedRowsAreTheReadmes(s);
            theMappedValuesAreAsTheReadmeSays(s);
        }
        theRejectedRowsAreTheReadmes();
        theUnmappedTablesAreKeptAsTheyWere();
    }

    @Test
    void killedAfterTheCopyEndedResumeFindsItDoneByItsCounts() throws Exception {
        List<String> args = new ArrayList<>(List.of("copy", "--from", TestPostgres.url(legacy), "--to", TestPostgres.url(target),
                "--mapping", EXAMPLE.resolve("mapping.yaml").toString(), "--max-rejects", "10"));
        CliRun killed = CliRun.process(dir, Map.of("FERRY_FAULT", "copy.after-finish"), args.toArray(String[]::new));
        assertThat(killed.exit()).as(killed.all()).isEqualTo(137);

        CliRun resumed = copy("--max-rejects", "10", "--resume");
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(resumed.err()).contains("had already finished", "every table counted", "nothing was copied again");
        Map<String, Long> stated = readme.counts(RESULT);
        try (Connection c = TestPostgres.connect(target); Statement s = c.createStatement()) {
            assertThat(counted(s, stated.keySet().stream().filter(t -> !t.startsWith("rejects/")).toList())).as("nothing copied twice")
                    .isEqualTo(stated.entrySet().stream().filter(e -> !e.getKey().startsWith("rejects/"))
                            .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
            s.execute("DELETE FROM reviews WHERE id = (SELECT MIN(id) FROM reviews)");
        }
        CliRun changed = copy("--max-rejects", "10", "--resume");
        assertThat(changed.exit()).as(changed.all()).isEqualTo(2);
        assertThat(changed.err()).contains("no longer holds what it loaded", "reviews");
    }

    @Test
    void withoutMaxRejectsTheCopyStopsAtTheOrphanedPaymentNamingItsFile() throws Exception {
        CliRun copy = copy();
        assertThat(copy.exit()).as(copy.all()).isEqualTo(4);
        assertThat(copy.err()).contains("enrollments.jsonl");
        assertThat(rejectFiles()).isEqualTo(Map.of("rejects/enrollments.jsonl", 1L));
    }

    private void theQuarantinedRowsAreTheReadmes(Statement s) throws SQLException {
        List<String> stated = new ArrayList<>();
        for (Map<String, String> row : readme.after(QUARANTINED)) {
            stated.add(row.get("quarantined id") + " " + row.get("e-mail") + " kept as " + row.get("kept id"));
        }
        assertThat(strings(s, "SELECT q.id || ' ' || q.email || ' kept as ' || u.id FROM ferry_quarantine.users q JOIN public.users u ON u.email = q.email ORDER BY q.id"))
                .isEqualTo(stated);
        assertThat(strings(s, "SELECT column_name FROM information_schema.columns WHERE table_schema = 'ferry_quarantine' AND table_name = 'users' ORDER BY ordinal_position"))
                .as("the mapped columns, then the reason").containsExactly("id", "email", "name", "is_admin", "created_at", "ferry_reason");
        assertThat(scalar(s, "SELECT COUNT(*) FROM ferry_quarantine.users WHERE ferry_reason LIKE '%email%'")).as("the reason names the repeated key").isEqualTo(stated.size());
        try (Connection c = TestPostgres.connect(legacy); Statement old = c.createStatement()) {
            for (Map<String, String> row : readme.after(QUARANTINED)) {
                assertThat(strings(old, "SELECT email FROM users WHERE id = " + Long.parseLong(row.get("quarantined id")))).containsExactly(row.get("legacy e-mail"));
            }
        }
    }

    /** What the README says in words under its result table. */
    private static void theMappedValuesAreAsTheReadmeSays(Statement s) throws SQLException {
        assertThat(scalar(s, "SELECT SUM(completed_lessons) FROM enrollments")).isEqualTo(scalar(s, "SELECT COUNT(*) FROM lesson_progress")).isEqualTo(2411);
        assertThat(scalar(s, "SELECT COUNT(*) FROM tutors WHERE verified")).isZero();
        assertThat(scalar(s, "SELECT COUNT(*) FROM lessons WHERE kind <> 'video'")).isZero();
        assertThat(scalar(s, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'ferry_copy_state'")).isZero();
        assertThat(strings(s, "SELECT name || ' ' || email FROM users WHERE id IN (7, 50) ORDER BY id"))
                .as("addresses lower-cased, a missing name taken from the address").containsExactly("Hana Novak user7@example.com", "user50 user50@example.com");
    }

    private void theRejectedRowsAreTheReadmes() throws Exception {
        List<Map<String, String>> stated = readme.after(REJECTED);
        ObjectMapper json = new ObjectMapper();
        for (Map<String, String> row : stated) {
            List<String> lines = Files.readAllLines(dir.resolve(row.get("file"))).stream().filter(l -> !l.isBlank()).toList();
            assertThat(lines).hasSize(1);
            JsonNode reject = json.readTree(lines.get(0));
            assertThat(reject.get("table").asText()).endsWith("enrollments");
            JsonNode values = reject.get("row");
            for (String column : List.of("id", "student_id", "course_id")) {
                assertThat(values.get(column).asText()).as(column).isEqualTo(row.get(column));
            }
            assertThat(reject.get("error").asText()).contains(row.get("refused by the constraint"));
        }
    }

    /** Each table kept in schema legacy has the source's columns, types, primary key, indexes and rows; no foreign key to a table left behind. */
    private void theUnmappedTablesAreKeptAsTheyWere() throws SQLException {
        List<String> kept = readme.counts(RESULT).keySet().stream().filter(t -> t.startsWith("legacy.")).toList();
        try (Connection o = TestPostgres.connect(legacy); Statement old = o.createStatement();
             Connection n = TestPostgres.connect(target); Statement now = n.createStatement()) {
            for (String table : kept) {
                String name = table.substring("legacy.".length());
                assertThat(strings(now, shape(table))).as(table).isEqualTo(strings(old, shape("public." + name)));
                assertThat(strings(now, indexes("legacy", name))).as(table).isEqualTo(strings(old, indexes("public", name)));
                assertThat(strings(now, "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM " + table + " t"))
                        .as(table).isEqualTo(strings(old, "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM public." + name + " t"));
            }
            assertThat(scalar(now, "SELECT COUNT(*) FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace WHERE s.nspname = 'legacy' AND c.contype = 'f'"))
                    .as("sessions.userId referred to users, which is not kept").isZero();
            assertThat(strings(now, indexes("legacy", "events"))).as("the source's index on events, under the name PostgreSQL would give it")
                    .contains("CREATE INDEX ON events USING btree (\"userId\", \"occurredAt\")");
        }
    }

    private static String shape(String table) {
        return "SELECT attname || ' ' || format_type(atttypid, atttypmod) || CASE WHEN attnotnull THEN ' not null' ELSE '' END FROM pg_attribute"
                + " WHERE attrelid = '" + table.replace("'", "''") + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum";
    }

    /**
     * The table's index definitions with the schema and the index's name left out, so that the source's
     * and the copy's compare: the copy names indexes as PostgreSQL names its own (a MariaDB source's names
     * are per table, and would collide in one schema).
     */
    private static String indexes(String schema, String name) {
        String unquoted = name.replace("\"", "");
        return "SELECT regexp_replace(replace(indexdef, ' ON " + schema + ".', ' ON '), 'INDEX \\S+ ON', 'INDEX ON') FROM pg_indexes WHERE schemaname = '"
                + schema + "' AND tablename = '" + unquoted + "' ORDER BY 1";
    }

    /** The rejects files under the run's directory, as README names them, with their lines. */
    private Map<String, Long> rejectFiles() throws Exception {
        Map<String, Long> files = new LinkedHashMap<>();
        Path rejects = dir.resolve("rejects");
        if (Files.isDirectory(rejects)) {
            try (var listed = Files.list(rejects)) {
                for (Path f : listed.sorted().toList()) {
                    files.put("rejects/" + f.getFileName(), Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count());
                }
            }
        }
        return files;
    }

    private static Map<String, Long> counted(Statement s, Iterable<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : tables) {
            counts.put(t, scalar(s, "SELECT COUNT(*) FROM " + t));
        }
        return counts;
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private CliRun copy(String... more) {
        List<String> args = new ArrayList<>(List.of("copy", "--from", TestPostgres.url(legacy), "--to", TestPostgres.url(target),
                "--mapping", EXAMPLE.resolve("mapping.yaml").toString()));
        args.addAll(List.of(more));
        return ferry(args.toArray(String[]::new));
    }

    private CliRun ferry(String... args) {
        return CliRun.inProcess(dir, Map.of(), args);
    }
}

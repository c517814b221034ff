package dev.ferry.cli;

import java.util.List;
import java.util.Map;

/**
 * One row of the bad-input catalogue ({@code src/test/resources/catalogue/*.yaml}).
 *
 * <pre>{@code
 * - name: protected environment refuses migrate without --yes
 *   item: 1                      # the issue item or "foundation"
 *   db: postgres                 # postgres | mariadb | sqlite | none: a fresh database for the row
 *   setup: ["create table t (id int)"]   # SQL run on it first; setup2 creates a second database
 *   files: { ferry.yaml: "environments: { prod: { url: '{{db}}', protected: true } }" }
 *   latin1Files: {}              # files written in ISO-8859-1 instead of UTF-8
 *   git: [[init, -q], [add, .], [commit, -q, -m, deployed]]  # git commands run in the row's directory
 *                                # after files are written (a test identity, branch main)
 *   env: { FERRY_URL: "{{db}}" }
 *   before: [[migrate, --url, "{{db}}"]]  # ferry runs that must succeed first (e.g. apply, then edit)
 *   delete: [migrations/V1__t.sql]        # files removed after those runs
 *   then: { migrations/V1__t.sql: "…" }   # files written after those runs
 *   afterSql: ["alter table t drop column x"]  # SQL run after them (drift by hand)
 *   # the database fingerprint is taken here, after setup, before and then
 *   args: [--env, prod, migrate]
 *   exit: 2
 *   message: ["protected", "--yes"]      # fragments the output must hold
 *   absent: []                   # fragments it must not hold
 *   unchanged: true              # the database (and the second one) as before, row for row;
 *                                # except-history: all but Ferry's history table (a migration that
 *                                # failed and was rolled back leaves the table it made first); false
 * }</pre>
 *
 * Placeholders in files, env and args: {@code {{db}}}, {@code {{db2}}} (URLs), {@code {{dbname}}},
 * {@code {{dir}}} (the row's working directory), {@code {{pgport}}}, {@code {{mariadb}}} (the test MariaDB's mysql database), {@code {{wrongpw}}}, and in args
 * {@code {{file:GLOB}}}: the one file under the row's directory that GLOB matches when the row runs
 * (e.g. the backup an earlier run saved under a name with its time).
 */
record CatalogueRow(String name, String item, String db, List<String> setup, List<String> setup2,
                    Map<String, String> files, Map<String, String> latin1Files, List<List<String>> git, Map<String, String> env,
                    List<List<String>> before, List<String> delete, Map<String, String> then, List<String> afterSql,
                    List<String> args, int exit, List<String> message, List<String> absent, String unchanged,
                    String source) {

    CatalogueRow {
        db = db == null ? "none" : db;
        setup = setup == null ? List.of() : setup;
        files = files == null ? Map.of() : files;
        latin1Files = latin1Files == null ? Map.of() : latin1Files;
        git = git == null ? List.of() : git;
        env = env == null ? Map.of() : env;
        before = before == null ? List.of() : before;
        delete = delete == null ? List.of() : delete;
        then = then == null ? Map.of() : then;
        afterSql = afterSql == null ? List.of() : afterSql;
        args = args == null ? List.of() : args;
        message = message == null ? List.of() : message;
        absent = absent == null ? List.of() : absent;
        unchanged = unchanged == null ? "true" : unchanged;
    }

    CatalogueRow from(String file) {
        return new CatalogueRow(name, item, db, setup, setup2, files, latin1Files, git, env, before, delete, then, afterSql, args, exit, message, absent, unchanged, file);
    }

    @Override
    public String toString() {
        return source + " [" + item + "] " + name;
    }
}

package dev.ferry.cli;

/**
 * The accounts and the slow batched data migration the ferry serve tests watch: batches of 500 rows that
 * take 40 ms each, a run of about two seconds, long enough to be caught in the middle (a second start,
 * a kill, a progress bar between 0 and 100). Every row counts the batches that changed it in touched.
 */
final class SlowClassification {
    static final int ROWS = 20_000;
    /** A quarter of the rows have no legacy value (skipped), the rest are migrated. */
    static final String ACCOUNTS = "CREATE TABLE accounts (id bigint PRIMARY KEY, legacy text, kind text, touched int NOT NULL DEFAULT 0);\n"
            + "INSERT INTO accounts (id, legacy) SELECT g, CASE WHEN g % 4 <> 0 THEN 'x' || g END FROM generate_series(1, " + ROWS + ") g;\n";
    static final String MIGRATION = """
            -- ferry:batch table=accounts key=id size=500
            UPDATE accounts
               SET kind = CASE WHEN legacy IS NULL THEN 'none' ELSE 'known' END,
                   touched = touched + 1
             WHERE id >= :from AND id < :to AND (SELECT true FROM pg_sleep(0.04))
            RETURNING id, CASE WHEN legacy IS NULL THEN 'skipped' ELSE 'migrated' END AS outcome;
            """;

    private SlowClassification() {
    }
}

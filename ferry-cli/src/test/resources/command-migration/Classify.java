import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The command of CommandDataMigrationIT's .cmd migration, run by `java -cp PGJDBC Classify.java` as
 * a Node or Python script would be run: it knows nothing of Ferry but its environment and protocol.
 * It classifies accounts.legacy into accounts.kind in keyset batches from FERRY_RESUME_AFTER, each
 * batch one transaction (rolled back when FERRY_DRY_RUN is 1) followed by its records and checkpoint.
 * A batch sets kind to what the value is, so doing it twice is harmless.
 *
 * What the test makes it do, through its environment: CLASSIFY_PID_FILE (write its pid there),
 * CLASSIFY_FAIL_AFTER (exit 3 after that many batches), CLASSIFY_CHATTER_AFTER (print a line that is
 * not the protocol after that many batches), CLASSIFY_SLEEP_MS (wait that long before the first batch),
 * CLASSIFY_IGNORE_STDIN (do not stop when stdin ends), CLASSIFY_LEAK (print the database URL on stderr,
 * in a note and in a reason, as a careless script would).
 */
public class Classify {
    public static void main(String[] args) throws Exception {
        String pidFile = System.getenv("CLASSIFY_PID_FILE");
        if (pidFile != null) {
            Files.writeString(Path.of(pidFile), Long.toString(ProcessHandle.current().pid()));
        }
        if (System.getenv("CLASSIFY_IGNORE_STDIN") == null) {
            stopWhenFerryIsGone();
        }
        Thread.sleep(number("CLASSIFY_SLEEP_MS", 0));
        int size = Integer.parseInt(System.getenv("FERRY_BATCH_SIZE"));
        boolean dryRun = System.getenv("FERRY_DRY_RUN").equals("1");
        String resume = System.getenv("FERRY_RESUME_AFTER");
        long after = resume.isEmpty() ? Long.MIN_VALUE : Long.parseLong(resume);
        long failAfter = number("CLASSIFY_FAIL_AFTER", -1);
        long chatterAfter = number("CLASSIFY_CHATTER_AFTER", -1);
        System.err.println("classifying after " + (resume.isEmpty() ? "the start" : resume) + ", " + size + " a batch" + (dryRun ? ", dry run" : ""));
        if (System.getenv("CLASSIFY_LEAK") != null) {
            System.err.println("connecting to " + System.getenv("FERRY_DATABASE_URL") + " with " + System.getenv("FERRY_DATABASE_PASSWORD"));
            send("{\"note\":\"the URL is " + System.getenv("FERRY_DATABASE_URL") + "\"}");
        }
        try (Connection c = DriverManager.getConnection(System.getenv("FERRY_JDBC_URL"))) {
            c.setAutoCommit(false);
            for (int batch = 1; ; batch++) {
                List<String> records = new ArrayList<>();
                long last = after;
                try (PreparedStatement select = c.prepareStatement("SELECT id, legacy FROM accounts WHERE id > ? ORDER BY id LIMIT ?");
                     PreparedStatement update = c.prepareStatement("UPDATE accounts SET kind = ? WHERE id = ?")) {
                    select.setLong(1, after);
                    select.setInt(2, size);
                    try (ResultSet r = select.executeQuery()) {
                        while (r.next()) {
                            last = r.getLong(1);
                            String legacy = r.getString(2);
                            String kind = legacy == null ? "none" : legacy.length() > 11 ? "iban" : legacy.equals("junk") ? "junk" : "swift";
                            update.setString(1, kind);
                            update.setLong(2, last);
                            update.addBatch();
                            records.add(legacy == null ? record(last, "skipped", "no bank details")
                                    : kind.equals("junk") ? record(last, "error", System.getenv("CLASSIFY_LEAK") != null
                                    ? "junk, says " + System.getenv("FERRY_JDBC_URL") : "neither an IBAN nor a SWIFT/BIC code") : record(last, "migrated", null));
                        }
                    }
                    if (records.isEmpty()) {
                        break;
                    }
                    update.executeBatch();
                }
                if (dryRun) {
                    c.rollback();
                } else {
                    c.commit();
                }
                records.forEach(Classify::send);
                send("{\"checkpoint\":{\"key\":\"" + last + "\",\"processed\":" + records.size() + "}}");
                after = last;
                if (batch == failAfter) {
                    System.err.println("cannot go on: the disk is full");
                    System.err.println("(a failure the test asked for)");
                    System.exit(3);
                }
                if (batch == chatterAfter) {
                    System.out.println("Classified " + batch + " batches");
                }
            }
        }
        send("{\"note\":\"every account is classified\"}");
    }

    private static String record(long key, String outcome, String reason) {
        return "{\"record\":{\"key\":" + key + ",\"outcome\":\"" + outcome + "\"" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}}";
    }

    /** A protocol line; when stdout is closed, Ferry is gone, and so is this process. */
    private static void send(String line) {
        System.out.println(line);
        if (System.out.checkError()) {
            Runtime.getRuntime().halt(2);
        }
    }

    /** Ferry holds stdin open and never writes to it: its end means Ferry was stopped, even by kill -9. */
    private static void stopWhenFerryIsGone() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Ferry writes nothing; read to the end
                }
            } catch (java.io.IOException e) {
                // the same: Ferry is gone
            }
            Runtime.getRuntime().halt(2);
        });
        watch.setDaemon(true);
        watch.start();
    }

    private static long number(String name, long otherwise) {
        String value = System.getenv(name);
        return value == null ? otherwise : Long.parseLong(value);
    }
}

package dev.ferry.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The data-migration benchmark's slow end: what a one-off script does to split {@code accounts.swift_bic_iban}
 * into {@code iban_number} and {@code swift_bic_number}. It reads the id and legacy value of the first N
 * accounts, classifies each in Java with the rules of {@code bench/data/classify-set-based.sql} (shape only:
 * spaces removed, upper case, then the IBAN or the SWIFT/BIC pattern), and writes each row with its own
 * {@code UPDATE … WHERE id = ?} in autocommit, one commit per row.
 *
 * <pre>
 * java -cp CLASSPATH dev.ferry.bench.RowByRowUpdate JDBC_URL USER ROWS
 * </pre>
 *
 * Prints the seconds from the connection to the last commit, JVM start left out, so that
 * {@code bench/data-vs-update.sh} can scale the per-row part to the whole table without scaling the JVM's
 * start-up with it.
 */
public final class RowByRowUpdate {
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    private static final Pattern SWIFT_BIC = Pattern.compile("[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?");

    private RowByRowUpdate() {
    }

    /** The legacy value split as the set-based UPDATE splits it: at most one of the two is set. */
    record Classified(String iban, String swiftBic) {
        static Classified of(String legacy) {
            if (legacy == null) {
                return new Classified(null, null);
            }
            String v = legacy.replace(" ", "").toUpperCase(Locale.ROOT);
            return new Classified(IBAN.matcher(v).matches() ? v : null, SWIFT_BIC.matcher(v).matches() ? v : null);
        }
    }

    private record Account(long id, String legacy) {
    }

    public static void main(String[] args) throws SQLException {
        if (args.length != 3) {
            System.err.println("usage: RowByRowUpdate JDBC_URL USER ROWS");
            System.exit(2);
        }
        int rows = Integer.parseInt(args[2]);
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(args[0], args[1], "")) {
            List<Account> accounts = read(c, rows);
            try (PreparedStatement update = c.prepareStatement("UPDATE accounts SET iban_number = ?, swift_bic_number = ? WHERE id = ?")) {
                for (Account a : accounts) {
                    Classified k = Classified.of(a.legacy());
                    update.setString(1, k.iban());
                    update.setString(2, k.swiftBic());
                    update.setLong(3, a.id());
                    update.executeUpdate();
                }
            }
            System.out.printf(Locale.ROOT, "row by row: %d rows read and updated in %.3f s%n", accounts.size(), (System.nanoTime() - started) / 1e9);
        }
    }

    private static List<Account> read(Connection c, int rows) throws SQLException {
        List<Account> accounts = new ArrayList<>(rows);
        try (PreparedStatement p = c.prepareStatement("SELECT id, swift_bic_iban FROM accounts ORDER BY id LIMIT ?")) {
            p.setInt(1, rows);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    accounts.add(new Account(r.getLong(1), r.getString(2)));
                }
            }
        }
        return accounts;
    }
}

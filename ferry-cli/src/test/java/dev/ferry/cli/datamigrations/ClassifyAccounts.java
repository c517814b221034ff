package dev.ferry.cli.datamigrations;

import dev.ferry.data.DataContext;
import dev.ferry.data.DataMigration;
import dev.ferry.data.DataRow;
import dev.ferry.data.Verdict;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A Java data migration as a user writes one, packed into a jar by the test (never on Ferry's class
 * path): classifies accounts.legacy in batches of keyset pages, logs NULLs as skipped and 'junk' as an
 * error, verifies that nothing with a value is left unclassified, and can be undone.
 */
public final class ClassifyAccounts implements DataMigration {
    @Override
    public String id() {
        return "1.5";
    }

    @Override
    public String description() {
        return "classify accounts in java";
    }

    @Override
    public void up(DataContext context) throws Exception {
        context.batches("SELECT id, legacy FROM accounts", 700, batch -> {
            try (PreparedStatement update = batch.connection().prepareStatement("UPDATE accounts SET kind = ?, touched = touched + 1 WHERE id = ?")) {
                for (DataRow row : batch.rows()) {
                    String legacy = row.getString("legacy");
                    if (legacy == null) {
                        batch.skipped(row.key(), "empty");
                    } else if (legacy.equals("junk")) {
                        batch.error(row.key(), "neither an IBAN nor a SWIFT/BIC");
                    } else {
                        update.setString(1, legacy.length() > 11 ? "iban" : "swift");
                        update.setLong(2, (Long) row.key());
                        update.addBatch();
                        batch.migrated(row.key());
                    }
                }
                update.executeBatch();
            }
        });
    }

    @Override
    public Verdict verify(DataContext context) throws Exception {
        try (Statement s = context.connection().createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM accounts WHERE legacy IS NOT NULL AND legacy <> 'junk' AND kind IS NULL")) {
            r.next();
            long left = r.getLong(1);
            return left == 0 ? Verdict.pass("every account with a value is classified") : Verdict.fail(left + " accounts with a value are unclassified");
        }
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public void down(DataContext context) throws Exception {
        try (Statement s = context.connection().createStatement()) {
            context.migratedRows(s.executeUpdate("UPDATE accounts SET kind = NULL, touched = touched - 1 WHERE kind IS NOT NULL"));
        }
    }
}

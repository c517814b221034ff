package dev.ferry.bench;

import dev.ferry.data.Batch;
import dev.ferry.data.DataContext;
import dev.ferry.data.DataMigration;
import dev.ferry.data.DataRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * The Java form of the data-migration benchmark (bench/data-vs-update.sh): the set-based UPDATE's
 * classification done in Java, 10,000 accounts a batch by Ferry's keyset pages, each batch written
 * back by one UPDATE joined to the batch's values (unnest of three arrays) rather than a statement
 * per row, one outcome per account in the per-record log.
 */
public final class ClassifyAccountsInBatches implements DataMigration {
    private static final String WRITE = "UPDATE accounts a SET iban_number = u.iban, swift_bic_number = u.swift"
            + " FROM unnest(?::bigint[], ?::text[], ?::text[]) AS u(id, iban, swift) WHERE a.id = u.id";

    @Override
    public String id() {
        return "1";
    }

    @Override
    public String description() {
        return "classify accounts (Java)";
    }

    @Override
    public void up(DataContext context) throws Exception {
        context.batches("SELECT id, swift_bic_iban FROM accounts", 10_000, ClassifyAccountsInBatches::classify);
    }

    private static void classify(Batch batch) throws Exception {
        List<DataRow> rows = batch.rows();
        Long[] ids = new Long[rows.size()];
        String[] ibans = new String[rows.size()];
        String[] swifts = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            DataRow row = rows.get(i);
            RowByRowUpdate.Classified k = RowByRowUpdate.Classified.of(row.getString("swift_bic_iban"));
            ids[i] = (Long) row.key();
            ibans[i] = k.iban();
            swifts[i] = k.swiftBic();
        }
        Connection c = batch.connection();
        try (PreparedStatement write = c.prepareStatement(WRITE)) {
            write.setArray(1, c.createArrayOf("bigint", ids));
            write.setArray(2, c.createArrayOf("text", ibans));
            write.setArray(3, c.createArrayOf("text", swifts));
            write.executeUpdate();
        }
        for (Long id : ids) {
            batch.migrated(id);
        }
    }
}

package dev.ferry.cli;

import dev.ferry.testkit.TestPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** The accounts table of the data-migration tests, as one checksum of every row in key order. */
final class AccountsTable {
    private AccountsTable() {
    }

    static String checksum(String db) throws Exception {
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT md5(string_agg(a::text, '|' ORDER BY id)) FROM accounts a")) {
            r.next();
            return r.getString(1);
        }
    }
}

package dev.ferry.doctor;

import dev.ferry.connect.Target;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;
import dev.ferry.spi.TableStats;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** What a plan needs to know of the database it will write to: whether it is empty, and whether it is protected. */
final class TargetChecks {
    static final String TABLES = "tables";
    static final String PROTECTED = "protected";
    private static final int NAMED = 5;

    private TargetChecks() {
    }

    /** Every table, as {@code ferry restore} counts them when it refuses a non-empty target. */
    static DoctorCheck tables(Database database) {
        List<TableStats> tables;
        try (Connection c = database.connect()) {
            tables = database.dialect().tables(c);
        } catch (SQLException e) {
            return DoctorCheck.failed(TABLES, new FerryException(ErrorCode.SQL, "reading the tables of " + database.url().redacted() + " failed: " + e.getMessage()));
        }
        if (tables.isEmpty()) {
            return new DoctorCheck(TABLES, CheckStatus.INFO, "empty: no tables", null);
        }
        String names = String.join(", ", tables.stream().limit(NAMED).map(TableStats::qualifiedName).toList()) + (tables.size() > NAMED ? ", …" : "");
        return new DoctorCheck(TABLES, CheckStatus.INFO, "not empty: " + tables.size() + (tables.size() == 1 ? " table (" : " tables (") + names + ")", null);
    }

    /** A protected environment: a WARN, so that the night's run does not stop at the confirmation; none for others. */
    static Optional<DoctorCheck> protectedWrites(Target target, boolean confirmed) {
        if (target == null || !target.isProtected()) {
            return Optional.empty();
        }
        String name = target.environment().map(e -> "environment '" + e + "'").orElse(target.url().redacted());
        return Optional.of(confirmed ? new DoctorCheck(PROTECTED, CheckStatus.INFO, name + " is protected; --yes was given", null)
                : new DoctorCheck(PROTECTED, CheckStatus.WARN, name + " is protected: writes need --yes or the typed name",
                        "pass --yes (ferry --yes run PLAN.yaml), or type " + target.environment().orElse("its name") + " when asked on a terminal"));
    }
}

package dev.ferry.env;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.spi.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which environment a database belongs to. The first environment that writes to it is recorded in
 * {@code ferry_environment}; another name that would write later is refused before anything is
 * written, unless both are marked {@code shared: true} (a laptop's {@code dev} pointed at staging's
 * database is the mistake this exists for). {@code ferry env claim} hands a database over on purpose.
 *
 * <pre>{@code
 * EnvironmentGuard guard = new EnvironmentGuard(new Claimant("dev", false, "laptop"));
 * List<EnvironmentRecord> seen = guard.check(database, "migrate");   // throws WRONG_ENVIRONMENT
 * ... write ...
 * guard.record(database, seen);
 * }</pre>
 */
public final class EnvironmentGuard {
    private final Claimant claimant;

    public EnvironmentGuard(Claimant claimant) {
        this.claimant = claimant;
    }

    /**
     * Reads what the database remembers and refuses when another environment holds it; reads only.
     *
     * @return the environments recorded before the write, for {@link #record}
     */
    public List<EnvironmentRecord> check(Database database, String command) {
        List<EnvironmentRecord> seen = read(database);
        List<EnvironmentRecord> others = holders(seen);
        if (!others.isEmpty()) {
            throw refusal(database, command, others);
        }
        return seen;
    }

    /**
     * Records this environment as having written now. The table is rewritten from what {@link #check}
     * saw plus this environment, so that a restore or copy that brought another database's
     * {@code ferry_environment} along does not hand this one to that database's environment.
     */
    public void record(Database database, List<EnvironmentRecord> seen) {
        Instant now = Instant.now();
        List<EnvironmentRecord> rows = new ArrayList<>();
        EnvironmentRecord mine = new EnvironmentRecord(claimant.name(), claimant.shared(), now, now, claimant.host());
        for (EnvironmentRecord r : seen) {
            if (r.name().equals(claimant.name())) {
                mine = r.seenAgain(claimant.shared(), now, claimant.host());
            } else {
                rows.add(r);
            }
        }
        rows.add(mine);
        write(database, rows);
    }

    /**
     * Makes this environment the only one recorded, whoever held the database before.
     *
     * @return the environments recorded before, this one included if it was
     */
    public List<EnvironmentRecord> claim(Database database) {
        List<EnvironmentRecord> before = read(database);
        Instant now = Instant.now();
        write(database, List.of(new EnvironmentRecord(claimant.name(), claimant.shared(), now, now, claimant.host())));
        return before;
    }

    /** The environments recorded in the database that this one could not write beside; reads only. */
    public List<EnvironmentRecord> holders(Database database) {
        return holders(read(database));
    }

    /** A one-line warning for a command that only reads, when another environment holds the database. */
    public Optional<String> warning(Database database) {
        List<EnvironmentRecord> others = holders(database);
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("warning: " + database.url().redacted() + " belongs to environment " + names(others) + ", not '" + claimant.name()
                + "': commands that write are refused here (ferry env claim " + claimant.name() + " takes it over)");
    }

    private List<EnvironmentRecord> holders(List<EnvironmentRecord> seen) {
        return seen.stream().filter(r -> !r.admits(claimant)).toList();
    }

    private FerryException refusal(Database database, String command, List<EnvironmentRecord> others) {
        EnvironmentRecord first = others.get(0);
        String holder = names(others);
        String why = first.shared() ? holder + " is marked shared: true, '" + claimant.name() + "' is not"
                : holder + (others.size() == 1 ? " is" : " are") + " not marked shared: true";
        return new FerryException(ErrorCode.WRONG_ENVIRONMENT, "ferry " + command + " refused: " + database.url().redacted()
                + " belongs to environment " + holder + " (first written " + seconds(first.firstSeen()) + (first.host() == null ? "" : " from " + first.host())
                + ", last " + seconds(first.lastSeen()) + "), and this run is environment '" + claimant.name() + "'; " + why + "; nothing was changed",
                "point environment '" + claimant.name() + "' at its own database in ferry.yaml; or, if both environments are meant to use this"
                        + " database, mark both shared: true; or, if the database really changed hands, ferry env claim " + claimant.name() + " --yes");
    }

    private static Instant seconds(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS);
    }

    private static String names(List<EnvironmentRecord> records) {
        return records.stream().map(r -> "'" + r.name() + "'").collect(Collectors.joining(", "));
    }

    private static List<EnvironmentRecord> read(Database database) {
        try (Connection c = database.connect()) {
            return EnvironmentTable.read(c, database.dialect());
        } catch (SQLException e) {
            throw failed("reading", database, e);
        }
    }

    private static void write(Database database, List<EnvironmentRecord> rows) {
        try (Connection c = database.connect()) {
            EnvironmentTable.write(c, database.dialect(), rows);
        } catch (SQLException e) {
            throw failed("writing", database, e);
        }
    }

    private static FerryException failed(String what, Database database, SQLException e) {
        return new FerryException(ErrorCode.SQL, what + " " + EnvironmentTable.NAME + " in " + database.url().redacted() + " failed: " + e.getMessage(),
                "Ferry records there which environment of ferry.yaml writes to the database; the user needs to be allowed to create that table", e);
    }
}

package dev.ferry.schema;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.HistoryConfig;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.MigrationScanner;
import dev.ferry.migrate.MigrationSet;
import dev.ferry.migrate.Migrations;
import dev.ferry.migrate.StatusResult;
import dev.ferry.report.Progress;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.Dialects;
import dev.ferry.spi.SchemaInspection;
import dev.ferry.spi.SchemaSql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code ferry diff} and {@code ferry check --drift}: each side is a database URL, a migrations
 * directory or a .sql schema file; the last two are applied to a shadow database and inspected.
 */
public final class DiffService {
    private final Dialects dialects;
    private final Path workDir;
    private final ShadowSchema shadows;

    public DiffService(Dialects dialects, Path workDir, String shadowUrl, HistoryConfig history) {
        this(dialects, workDir, shadowUrl, history, Progress.NONE);
    }

    /** @param progress told how building a shadow database goes: the slow part of a diff */
    public DiffService(Dialects dialects, Path workDir, String shadowUrl, HistoryConfig history, Progress progress) {
        this.dialects = dialects;
        this.workDir = workDir;
        this.shadows = new ShadowSchema(dialects, shadowUrl, history, progress);
    }

    /** The changes that turn side {@code from} into side {@code to}, owners left out. */
    public DiffResult diff(String from, String to, String schema) {
        return diff(from, to, schema, false);
    }

    /**
     * As {@link #diff(String, String, String)}; with {@code owners}, who owns each object counts too,
     * which only means something between two live databases.
     */
    public DiffResult diff(String from, String to, String schema, boolean owners) {
        boolean fromFile = isFile(from);
        boolean toFile = isFile(to);
        if (owners && (fromFile || toFile)) {
            throw new FerryException(ErrorCode.USAGE, "--owners compares two live databases: a shadow database's objects all belong to its superuser",
                    "give --from and --to as database URLs, or leave out --owners");
        }
        Database liveFrom = fromFile ? null : dialects.open(parse(from));
        try (Database liveTo = toFile ? null : dialects.open(parse(to))) {
            Database live = liveFrom != null ? liveFrom : liveTo;
            Dialect dialect = live != null ? live.dialect() : dialects.forUrl(DatabaseUrl.parse("embedded:postgres"));
            if (liveFrom != null && liveTo != null && !liveFrom.dialect().name().equals(liveTo.dialect().name())) {
                throw new FerryException(ErrorCode.USAGE, "cannot diff a " + liveFrom.dialect().name() + " schema against a "
                        + liveTo.dialect().name() + " one: a repair script is written in one dialect",
                        "compare two databases of the same kind");
            }
            // only a shadow database needs the live server's version
            int major = live != null && (fromFile || toFile) ? major(live) : -1;
            // both sides at once: each is mostly waiting for its own server (or shadow) to answer
            CompletableFuture<SchemaModel> a = CompletableFuture.supplyAsync(() -> load(from, liveFrom, dialect, major, schema));
            SchemaModel b = load(to, liveTo, dialect, major, schema);
            SchemaModel fromModel = join(a);
            if (schema != null && !fromModel.schemas().contains(schema) && !b.schemas().contains(schema)) {
                requireSchema(schema, label(from, liveFrom) + " or on " + label(to, liveTo),
                        load(from, liveFrom, dialect, major, null).schemas());
            }
            return owners ? result(label(from, liveFrom), label(to, liveTo), fromModel, b, dialect, liveRows(liveFrom))
                    : result(label(from, liveFrom), label(to, liveTo), fromModel.withoutOwners(), b.withoutOwners(), dialect, liveRows(liveFrom));
        } finally {
            if (liveFrom != null) {
                liveFrom.close();
            }
        }
    }

    /**
     * A schema neither side has is a typo, not an empty diff. {@code present} is empty for databases
     * without schemas (MariaDB, SQLite), where --schema means nothing.
     */
    private static void requireSchema(String schema, String where, java.util.List<String> present) {
        if (!present.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "schema '" + schema + "' does not exist on " + where
                    + "; schemas present: " + String.join(", ", present),
                    "give --schema one of " + String.join(", ", present) + ", or leave it out to compare all");
        }
    }

    private static SchemaModel join(CompletableFuture<SchemaModel> side) {
        try {
            return side.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * Drift of the database {@code migrations} work on, as {@code ferry check --drift} finds it: empty when
     * its history and the files disagree ({@code status} says how), for then what the schema should be is not known.
     */
    public Optional<DiffResult> drift(Migrations migrations, StatusResult status) {
        if (!status.agrees()) {
            return Optional.empty();
        }
        return Optional.of(drift(migrations.database(), migrations.files().applied(status.migrations()), null));
    }

    /**
     * Builds now, on a shadow, what {@code files} produce on a server like {@code live}'s, so that a
     * later {@link #drift} of this service over the same files only inspects and compares (a plan does
     * this before its downtime begins).
     */
    public void prepareDrift(Database live, MigrationSet files, String schema) {
        shadows.ofMigrations(live.dialect(), major(live), files, null, schema);
    }

    /** Drift: the live database against what its applied migrations produce ({@link MigrationSet#applied}). */
    public DiffResult drift(Database live, MigrationSet applied, String schema) {
        SchemaModel actual = shadows.withoutHistory(inspect(live, schema)).withoutOwners();
        SchemaModel expected = shadows.ofMigrations(live.dialect(), major(live), applied, null, schema).withoutOwners();
        return result(live.url().redacted(), "the migrations in " + applied.location(), actual, expected, live.dialect(), liveRows(live));
    }

    private static DiffResult result(String fromLabel, String toLabel, SchemaModel from, SchemaModel to, Dialect dialect,
                                     SchemaDiff.LiveRows rows) {
        SchemaSql sql = dialect.require(SchemaInspection.class, "inspect schemas for diff yet").schemaSql();
        return new DiffResult(fromLabel, toLabel, sql.preamble(), SchemaDiff.between(from, to, sql, rows), sql.scriptInOneTransaction());
    }

    /** Counts on the live {@code from} database (null: a shadow, whose tables are empty) the rows a table rebuild leaves out. */
    private static SchemaDiff.LiveRows liveRows(Database from) {
        if (from == null) {
            return SchemaDiff.LiveRows.UNKNOWN;
        }
        SchemaInspection inspection = from.dialect().require(SchemaInspection.class, "inspect schemas for diff yet");
        return (a, b) -> {
            try (Connection c = from.connect()) {
                return inspection.rebuildRows(c, a, b);
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.SQL, "counting the rows of table " + a.key() + " that the target's constraints would leave out failed on "
                        + from.url().redacted() + ": " + e.getMessage(), null, e);
            }
        };
    }

    private SchemaModel load(String side, Database live, Dialect dialect, int major, String schema) {
        if (live != null) {
            return shadows.withoutHistory(inspect(live, schema));
        }
        Path path = workDir.resolve(side);
        if (Files.isDirectory(path)) {
            return shadows.ofMigrations(dialect, major, MigrationScanner.scanDirectory(path), null, schema);
        }
        try {
            return shadows.ofSql(dialect, major, side, Files.readString(path), schema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private boolean isFile(String side) {
        Path p = workDir.resolve(side);
        return !side.contains(":") && (Files.isDirectory(p) || (side.endsWith(".sql") && Files.isRegularFile(p)));
    }

    private static DatabaseUrl parse(String side) {
        try {
            return DatabaseUrl.parse(side);
        } catch (FerryException e) {
            throw new FerryException(ErrorCode.USAGE, "'" + side + "' is neither a database URL, a migrations directory nor a .sql file",
                    "give each of --from and --to a URL (postgres://…), a directory of V1__name.sql files, or a schema .sql file", e);
        }
    }

    private static String label(String side, Database live) {
        return live != null ? live.url().redacted() : side;
    }

    private static int major(Database live) {
        try (Connection c = live.connect()) {
            return live.dialect().serverInfo(c).majorVersion();
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "reading the server version of " + live.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }

    public static SchemaModel inspect(Database database, String schema) {
        SchemaInspection inspection = database.dialect().require(SchemaInspection.class, "inspect schemas for diff yet");
        try (Connection c = database.connect()) {
            return inspection.inspectSchema(c, schema);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "inspecting the schema of " + database.url().redacted() + " failed: " + e.getMessage(), null, e);
        }
    }
}

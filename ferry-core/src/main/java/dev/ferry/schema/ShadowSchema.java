package dev.ferry.schema;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.HistoryConfig;
import dev.ferry.env.EnvironmentTable;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.MigrateOptions;
import dev.ferry.migrate.MigrationKind;
import dev.ferry.migrate.MigrationSet;
import dev.ferry.migrate.MigrationVersion;
import dev.ferry.migrate.Migrations;
import dev.ferry.report.Progress;
import dev.ferry.schema.model.Ownership;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Table;
import dev.ferry.spi.CopyFromStdin;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.Dialects;
import dev.ferry.spi.ShadowDatabases;
import dev.ferry.spi.SqlSplitter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What migrations or a schema file produce: applied to a shadow database (an embedded server of
 * the right major version, or a scratch database on the {@code --shadow} server), then inspected.
 * The shadow is gone afterwards.
 */
public final class ShadowSchema {
    private final Dialects dialects;
    private final String shadowUrl;
    private final HistoryConfig history;
    private final Progress progress;
    private final Map<String, SchemaModel> alreadyBuilt = new ConcurrentHashMap<>();

    public ShadowSchema(Dialects dialects, String shadowUrl, HistoryConfig history, Progress progress) {
        this.dialects = dialects;
        this.shadowUrl = shadowUrl;
        this.history = history;
        this.progress = progress;
    }

    /**
     * The schema the migrations produce, up to {@code target} (all when null). Built once per set of
     * files (their versions and checksums) for this object's life: a plan builds it before its
     * downtime and its heal-drift step finds it ready.
     */
    public SchemaModel ofMigrations(Dialect dialect, int majorVersion, MigrationSet files, MigrationVersion target, String schema) {
        String key = String.join("|", dialect.name(), String.valueOf(majorVersion), String.valueOf(target), String.valueOf(schema), shadowUrl == null ? "" : shadowUrl)
                + files.all().stream().filter(f -> f.kind() != MigrationKind.UNDO)
                .map(f -> "|" + f.kind() + ":" + (f.version() == null ? f.description() : f.version()) + ":" + f.checksum()).collect(Collectors.joining());
        SchemaModel built = alreadyBuilt.get(key);
        if (built == null) {
            built = build(dialect, majorVersion, files, target, schema);
            alreadyBuilt.put(key, built);
        }
        return built;
    }

    private SchemaModel build(Dialect dialect, int majorVersion, MigrationSet files, MigrationVersion target, String schema) {
        progress.update("starting a shadow database for " + files.location(), 0, files.all().size());
        try (Database shadow = open(dialect, majorVersion)) {
            try {
                new Migrations(shadow, files, history, progress)
                        .migrate(new MigrateOptions(target, false, false, true, Duration.ofSeconds(60)));
            } catch (FerryException e) {
                throw onShadow(shadow, "building the migrations in " + files.location(), e);
            }
            return withoutHistory(DiffService.inspect(shadow, schema));
        }
    }

    /**
     * A migration that fails on the shadow reads like a failed {@code migrate} ("rolled back:
     * nothing of V1 remains"); said plainly, it happened on the throwaway database, not the live one.
     */
    private static FerryException onShadow(Database shadow, String what, FerryException e) {
        return new FerryException(e.code(), what + " on the shadow database " + shadow.url().redacted()
                + " failed; the live database was not touched and the shadow is dropped: " + e.getMessage(),
                "the migrations must build their schema on an empty database; fix the file named above"
                        + e.hint().map(h -> " (" + h + ")").orElse(""), e);
    }

    /** The schema a .sql file produces. */
    public SchemaModel ofSql(Dialect dialect, int majorVersion, String label, String sql, String schema) {
        progress.update("starting a shadow database for " + label, 0, 1);
        try (Database shadow = open(dialect, majorVersion); Connection c = shadow.connect(); Statement s = c.createStatement()) {
            List<SqlSplitter.Statement> statements = SqlSplitter.split(sql, dialect.backslashEscapes());
            int done = 0;
            for (SqlSplitter.Statement st : statements) {
                progress.update("building " + label + " on the shadow database", done++, statements.size());
                try {
                    execute(dialect, c, s, label, st);
                } catch (SQLException e) {
                    throw new FerryException(ErrorCode.STEP_FAILED, label + " line " + st.line() + " failed on the shadow database: " + e.getMessage(),
                            "the file must build its schema on an empty database", e);
                }
            }
            return withoutHistory(DiffService.inspect(shadow, schema));
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.SQL, "the shadow database failed: " + e.getMessage(), null, e);
        }
    }

    /** Runs one statement of a .sql file as the migration runner would: COPY data through the copy protocol, psql commands refused. */
    private static void execute(Dialect dialect, Connection c, Statement s, String label, SqlSplitter.Statement st) throws SQLException {
        switch (st.kind()) {
            case META_COMMAND -> throw new FerryException(ErrorCode.USAGE, label + " line " + st.line() + ": " + st.sql()
                    + " is a psql meta-command, not SQL, and the shadow database runs SQL only", "remove the line from " + label);
            case COPY_FROM_STDIN -> dialect.require(CopyFromStdin.class, "load COPY … FROM stdin data (" + label + " line " + st.line() + ")")
                    .copyFromStdin(c, st.sql(), st.data());
            default -> s.execute(st.sql());
        }
    }

    /**
     * Ferry's own history table, and {@code ferry_environment} (which environment writes here), are
     * bookkeeping, not schema: they never count as a difference.
     */
    public SchemaModel withoutHistory(SchemaModel model) {
        List<Table> tables = model.tables().stream().filter(t -> !t.name().equals(history.table()) && !t.name().equals(EnvironmentTable.NAME)).toList();
        List<Ownership> owners = model.owners().stream().filter(o -> !isHistory(o.target())).toList();
        return new SchemaModel(model.schemas(), model.extensions(), model.enums(), model.domains(), model.sequences(), model.routines(),
                tables, model.views(), model.comments(), owners);
    }

    /** {@code TABLE schema.ferry_history} (or ferry_environment), however the schema is quoted. */
    private boolean isHistory(String target) {
        return target.startsWith("TABLE ") && List.of(history.table(), EnvironmentTable.NAME).stream()
                .anyMatch(name -> target.endsWith("." + name) || target.endsWith(".\"" + name + "\""));
    }

    private Database open(Dialect dialect, int majorVersion) {
        ShadowDatabases shadows = dialect.require(ShadowDatabases.class, "make shadow databases yet");
        if (shadowUrl == null) {
            return shadows.shadow(majorVersion);
        }
        return shadows.shadowOn(dialects.open(DatabaseUrl.parse(shadowUrl)));
    }
}

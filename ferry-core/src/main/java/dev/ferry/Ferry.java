package dev.ferry;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.HistoryConfig;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.migrate.ChangeResult;
import dev.ferry.migrate.MigrateOptions;
import dev.ferry.migrate.MigrateResult;
import dev.ferry.migrate.MigrationScanner;
import dev.ferry.migrate.MigrationSet;
import dev.ferry.migrate.MigrationVersion;
import dev.ferry.migrate.Migrations;
import dev.ferry.migrate.StatusResult;
import dev.ferry.report.Progress;
import dev.ferry.spi.Database;
import dev.ferry.spi.Dialect;
import dev.ferry.spi.Dialects;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The library API, for applications that migrate on start-up:
 *
 * <pre>{@code
 * MigrateResult result = Ferry.configure()
 *         .dataSource(dataSource)
 *         .locations("classpath:db/migration")
 *         .load()
 *         .migrate();
 * }</pre>
 *
 * The dialect is chosen from the data source's JDBC URL; its plug-in (ferry-postgres, ferry-mysql
 * or ferry-sqlite) must be on the class path.
 */
public final class Ferry {
    private final Migrations migrations;
    private final MigrateOptions options;

    private Ferry(Migrations migrations, MigrateOptions options) {
        this.migrations = migrations;
        this.options = options;
    }

    public static Configuration configure() {
        return new Configuration();
    }

    /** Applies pending migrations; throws FerryException (with the file and line) when one fails. */
    public MigrateResult migrate() {
        return migrations.migrate(options);
    }

    public StatusResult status() {
        return migrations.status();
    }

    public ChangeResult repair(boolean acceptEdits) {
        return migrations.repair(acceptEdits, options.lockTimeout());
    }

    /** Settings for {@link Ferry}; {@link #load()} checks them and reads the migration files. */
    public static final class Configuration {
        private DataSource dataSource;
        private final List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
        private HistoryConfig history = HistoryConfig.DEFAULT;
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        private Duration lockTimeout = Duration.ofSeconds(60);
        private String target;
        private boolean outOfOrder;

        private Configuration() {
        }

        public Configuration dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** Where the files are: {@code classpath:db/migration} (the default) or a directory path. */
        public Configuration locations(String... locations) {
            this.locations.clear();
            this.locations.addAll(List.of(locations));
            return this;
        }

        public Configuration historyTable(String table, String schema) {
            this.history = new HistoryConfig(table, schema);
            return this;
        }

        public Configuration classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        public Configuration lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        public Configuration target(String version) {
            this.target = version;
            return this;
        }

        public Configuration outOfOrder(boolean outOfOrder) {
            this.outOfOrder = outOfOrder;
            return this;
        }

        public Ferry load() {
            if (dataSource == null) {
                throw new FerryException(ErrorCode.CONFIG, "Ferry.configure() needs a dataSource(...)", null);
            }
            List<MigrationSet> sets = new ArrayList<>();
            for (String location : locations) {
                sets.add(MigrationScanner.scan(location, Path.of(""), classLoader));
            }
            DatabaseUrl url = urlOf(dataSource);
            Database database = new DataSourceDatabase(dataSource, url, Dialects.load().forUrl(url));
            MigrateOptions options = new MigrateOptions(target == null ? null : MigrationVersion.parse(target), false, false, outOfOrder, lockTimeout);
            return new Ferry(new Migrations(database, MigrationSet.union(sets), history, Progress.NONE), options);
        }

        private static DatabaseUrl urlOf(DataSource ds) {
            try (Connection c = ds.getConnection()) {
                return DatabaseUrl.parse(c.getMetaData().getURL());
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.CONNECT, "cannot connect through the data source: " + e.getMessage(), null, e);
            }
        }
    }

    /** A database reached through the application's own pool; closing it closes nothing of theirs. */
    private record DataSourceDatabase(DataSource dataSource, DatabaseUrl url, Dialect dialect) implements Database {
        @Override
        public Connection connect() {
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.CONNECT, "cannot connect to " + url.redacted() + ": " + e.getMessage(), null, e);
            }
        }

        @Override
        public void close() {
            // The application owns the data source.
        }
    }
}

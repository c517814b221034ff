package dev.ferry.connect;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whose history table a command reads: Ferry's own, or another tool's that Ferry reads and repairs
 * in place ({@code --history rails}, {@code history: { tool: rails }}) without running its migrations.
 */
public enum HistoryTool {
    FERRY("Ferry", "ferry_history", "migrations", "ferry migrate"),
    RAILS("Rails", "schema_migrations", "db/migrate", "bin/rails db:migrate"),
    PRISMA("Prisma", "_prisma_migrations", "prisma/migrations", "npx prisma migrate deploy"),
    /** Flyway's default location is classpath:db/migration, which a Maven or Gradle build keeps here. */
    FLYWAY("Flyway", "flyway_schema_history", "src/main/resources/db/migration", "flyway migrate");

    private final String title;
    private final String table;
    private final String directory;
    private final String migrateCommand;

    HistoryTool(String title, String table, String directory, String migrateCommand) {
        this.title = title;
        this.table = table;
        this.directory = directory;
        this.migrateCommand = migrateCommand;
    }

    /** The command that makes the tool apply its migrations: "bin/rails db:migrate". */
    public String migrateCommand() {
        return migrateCommand;
    }

    /** "Rails", for messages. */
    public String title() {
        return title;
    }

    /** The table the tool keeps its history in, unless configured otherwise. */
    public String table() {
        return table;
    }

    /** Where the tool's migration files are, unless --dir or migrations: says otherwise. */
    public String directory() {
        return directory;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "rails" → RAILS; anything else is a usage error that lists the choices. */
    @JsonCreator
    public static HistoryTool named(String name) {
        return Arrays.stream(values()).filter(t -> t.id().equals(name == null ? null : name.strip().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new FerryException(ErrorCode.USAGE, "Ferry reads the history of " + choices() + ", not '" + name + "'",
                        "--history rails reads schema_migrations, --history prisma _prisma_migrations, --history flyway flyway_schema_history"));
    }

    public static String choices() {
        return Arrays.stream(values()).map(HistoryTool::id).collect(Collectors.joining(", "));
    }
}

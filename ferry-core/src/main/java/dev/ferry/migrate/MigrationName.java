package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file's path says about the migration it holds: Flyway names ({@code V1__create_users.sql},
 * {@code U1__…}, {@code R__views.sql}) and Prisma folders ({@code 20240101120000_init/migration.sql},
 * {@code 01_init/migration.sql}). A name that looks like a migration but does not parse is an error,
 * so a file is never skipped in silence.
 */
record MigrationName(MigrationKind kind, String version, String description, String prismaFolder) {
    static final String EXPECTED = "name it V<version>__<description>.sql (capital V, two underscores, lower-case .sql),"
            + " U<version>__<description>.sql or R__<description>.sql; <version> is numbers separated by dots, such as 1 or 1.1";

    private static final Pattern FLYWAY = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    /**
     * A letter of V, U or R (any case) followed by a digit or sign, by "__" after a word, or R by
     * "_": what a person meant as a migration. "views.sql" or "seed__data.sql" are not.
     */
    private static final Pattern LOOKS_LIKE_MIGRATION = Pattern.compile("(?i)([vu][^a-z].*|[vur][a-z0-9._-]*__.*|r_.*)\\.sql");
    /** Prisma's folders: a number (a timestamp when Prisma made it, "01" when a person did), then a name. */
    private static final Pattern PRISMA_DIR = Pattern.compile("(\\d+)(?:_(.*))?");

    /** The migration a relative path holds, or empty when it is not a migration at all. */
    static Optional<MigrationName> parse(String relative) {
        String[] segments = relative.split("/");
        String name = segments[segments.length - 1];
        if (name.equals("migration.sql") && segments.length >= 2) {
            return Optional.of(prisma(relative, segments[segments.length - 2]));
        }
        Matcher m = FLYWAY.matcher(name);
        if (m.matches()) {
            return Optional.of(new MigrationName(m.group(1).equals("V") ? MigrationKind.VERSIONED : MigrationKind.UNDO, m.group(2),
                    m.group(3).replace('_', ' '), null));
        }
        Matcher r = REPEATABLE.matcher(name);
        if (r.matches()) {
            return Optional.of(new MigrationName(MigrationKind.REPEATABLE, null, r.group(1).replace('_', ' '), null));
        }
        if (LOOKS_LIKE_MIGRATION.matcher(name).matches()) {
            throw new FerryException(ErrorCode.CONFIG, relative + " looks like a migration but its name does not parse", EXPECTED);
        }
        return Optional.empty();
    }

    private static MigrationName prisma(String relative, String folder) {
        Matcher prisma = PRISMA_DIR.matcher(folder);
        if (!prisma.matches()) {
            throw new FerryException(ErrorCode.CONFIG, relative + " is a Prisma migration, but its folder name '" + folder
                    + "' does not start with a number and an underscore, which is how Ferry orders Prisma folders",
                    "name the folder <number>_<name>, numbered in the order Prisma applies them, e.g. 01_init, 02_add_orders");
        }
        String description = prisma.group(2) == null || prisma.group(2).isEmpty() ? folder : prisma.group(2).replace('_', ' ');
        return new MigrationName(MigrationKind.VERSIONED, prisma.group(1), description, folder);
    }

    MigrationFile toFile(String script, String sql) {
        return new MigrationFile(kind, version == null ? null : MigrationVersion.parse(version), description, script, Checksums.of(sql), sql);
    }
}

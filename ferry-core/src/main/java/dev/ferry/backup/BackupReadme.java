package dev.ferry.backup;

import java.util.List;

/** The README.txt written into every backup: how to restore it with Ferry, and without, with the client of the database it came from. */
final class BackupReadme {
    /** The name the MariaDB/MySQL dialect gives itself in the manifest. */
    private static final String MARIADB = "MySQL/MariaDB";

    private BackupReadme() {
    }

    static String text(Manifest m) {
        StringBuilder sb = new StringBuilder();
        sb.append("Ferry backup of ").append(m.url()).append(" (").append(m.server()).append("), taken ").append(m.startedAt()).append(".\n\n");
        m.warnings().forEach(w -> sb.append("Warning: ").append(w).append(".\n"));
        if (!m.warnings().isEmpty()) {
            sb.append('\n');
        }
        return (MARIADB.equals(m.dialect()) ? mariaDb(sb, m) : postgres(sb, m)).toString();
    }

    private static StringBuilder postgres(StringBuilder sb, Manifest m) {
        sb.append("With Ferry (into an empty database):\n\n    ferry restore <this directory> --url postgres://USER@HOST/NEWDB\n\n")
                .append("Without Ferry, with psql and zstd (into an empty database; the data is PostgreSQL's binary COPY format):\n\n")
                .append("    psql -v ON_ERROR_STOP=1 -d NEWDB -f schema.sql\n");
        for (Manifest.TableEntry t : m.tables()) {
            for (Manifest.Part p : t.parts()) {
                sb.append("    zstd -dc ").append(p.file()).append(" | psql -v ON_ERROR_STOP=1 -d NEWDB -c \"COPY ")
                        .append(pgQuoted(t.schema())).append('.').append(pgQuoted(t.name())).append(" (")
                        .append(String.join(", ", t.columns().stream().map(BackupReadme::pgQuoted).toList())).append(") FROM STDIN (FORMAT binary)\"\n");
            }
        }
        return sb.append("    psql -v ON_ERROR_STOP=1 -d NEWDB -f post-data.sql\n\n")
                .append("manifest.json lists each table's row count and checksum (the sum of the XXH64 of each row's binary COPY bytes);\n")
                .append("ferry backup verify <this directory> restores it into a scratch database and compares them.\n");
    }

    /**
     * The streams are what LOAD DATA reads by default: a row a line, fields separated by tabs, \N for
     * NULL, tab, newline, backslash and NUL escaped with a backslash, text in utf8mb4, times in UTC.
     * Warnings are shown because LOAD DATA LOCAL turns a value it cannot take into one.
     */
    private static StringBuilder mariaDb(StringBuilder sb, Manifest m) {
        sb.append("With Ferry (into an empty database):\n\n    ferry restore <this directory> --url mysql://USER@HOST/NEWDB\n\n")
                .append("Without Ferry, with the mariadb (or mysql) client and zstd (into an empty database NEWDB; each stream is\n")
                .append("tab-separated text as LOAD DATA reads it: \\N for NULL, backslash escapes, utf8mb4, times in UTC):\n\n")
                .append("    mariadb NEWDB < schema.sql\n");
        for (Manifest.TableEntry t : m.tables()) {
            for (Manifest.Part p : t.parts()) {
                sb.append("    zstd -dc ").append(p.file()).append(" | mariadb --local-infile=1 NEWDB -e \"SET time_zone = '+00:00',")
                        .append(" sql_mode = 'NO_AUTO_VALUE_ON_ZERO', foreign_key_checks = 0, unique_checks = 0;")
                        .append(" LOAD DATA LOCAL INFILE '/dev/stdin' INTO TABLE ").append(mariaDbQuoted(t.schema(), t.name()))
                        .append(" CHARACTER SET utf8mb4 (").append(String.join(", ", t.columns().stream().map(c -> mariaDbQuoted(null, c)).toList()))
                        .append("); SHOW WARNINGS\"\n");
            }
        }
        return sb.append("    mariadb NEWDB < post-data.sql\n\n")
                .append("Any warning LOAD DATA shows means a value did not load as it was.\n")
                .append("manifest.json lists each table's row count and checksum (the sum of the XXH64 of each row's line, without its newline);\n")
                .append("ferry backup verify <this directory> --scratch mysql://USER@HOST/ restores it into a scratch database and compares them.\n");
    }

    /** As psql reads an identifier inside the double-quoted -c argument of a shell. */
    private static String pgQuoted(String identifier) {
        return "\\\"" + identifier.replace("\"", "\"\"") + "\\\"";
    }

    /** As the mariadb client reads an identifier inside the double-quoted -e argument of a shell (a backtick escaped for the shell). */
    private static String mariaDbQuoted(String schema, String identifier) {
        List<String> names = schema == null ? List.of(identifier) : List.of(schema, identifier);
        String sql = String.join(".", names.stream().map(n -> "`" + n.replace("`", "``") + "`").toList());
        return sql.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`");
    }
}

package dev.ferry.backup;

/** The README.txt written into every backup: how to restore it with Ferry, and without. */
final class BackupReadme {
    private BackupReadme() {
    }

    static String text(Manifest m) {
        StringBuilder sb = new StringBuilder();
        sb.append("Ferry backup of ").append(m.url()).append(" (").append(m.server()).append("), taken ").append(m.startedAt()).append(".\n\n")
                .append("With Ferry (into an empty database):\n\n    ferry restore <this directory> --url postgres://USER@HOST/NEWDB\n\n")
                .append("Without Ferry, with psql and zstd (into an empty database; the data is PostgreSQL's binary COPY format):\n\n")
                .append("    psql -v ON_ERROR_STOP=1 -d NEWDB -f schema.sql\n");
        for (Manifest.TableEntry t : m.tables()) {
            for (Manifest.Part p : t.parts()) {
                sb.append("    zstd -dc ").append(p.file()).append(" | psql -v ON_ERROR_STOP=1 -d NEWDB -c \"COPY ")
                        .append(quoted(t.schema())).append('.').append(quoted(t.name())).append(" (")
                        .append(String.join(", ", t.columns().stream().map(BackupReadme::quoted).toList())).append(") FROM STDIN (FORMAT binary)\"\n");
            }
        }
        sb.append("    psql -v ON_ERROR_STOP=1 -d NEWDB -f post-data.sql\n\n")
                .append("manifest.json lists each table's row count and checksum (the sum of the XXH64 of each row's binary COPY bytes);\n")
                .append("ferry backup verify <this directory> restores it into a scratch database and compares them.\n");
        return sb.toString();
    }

    /** As psql reads an identifier inside the double-quoted -c argument of a shell. */
    private static String quoted(String identifier) {
        return "\\\"" + identifier.replace("\"", "\"\"") + "\\\"";
    }
}

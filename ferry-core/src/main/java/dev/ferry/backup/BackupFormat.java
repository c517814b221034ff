package dev.ferry.backup;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.util.Arrays;

/** What {@code ferry backup --format} takes, and which databases each format is for. */
public enum BackupFormat {
    /** Ferry's own: schema SQL plus zstd binary streams per table, for any database Ferry streams. */
    NATIVE("native", null),
    /** PostgreSQL's {@code pg_dump -Fc}. */
    PG_DUMP(DumpBackup.PG_DUMP, "PostgreSQL"),
    /** MariaDB's {@code mariadb-dump --single-transaction}. */
    MARIADB_DUMP("mariadb-dump", "MySQL/MariaDB");

    private final String flag;
    private final String dialect;

    BackupFormat(String flag, String dialect) {
        this.flag = flag;
        this.dialect = dialect;
    }

    public String flag() {
        return flag;
    }

    /** The format {@code --format} names; {@code fallback} when it was not given. */
    public static BackupFormat parse(String name, BackupFormat fallback) {
        if (name == null) {
            return fallback;
        }
        return Arrays.stream(values()).filter(f -> f.flag.equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new FerryException(ErrorCode.USAGE, "--format " + name + " is not a backup format",
                        "use --format native (any database), pg_dump (PostgreSQL) or mariadb-dump (MariaDB/MySQL)"));
    }

    /** Refuses a format meant for another kind of database than {@code dialectName}, naming those that work for it. */
    public void requireFor(String dialectName) {
        if (dialect != null && !dialect.equals(dialectName)) {
            String works = Arrays.stream(values()).filter(f -> f.dialect == null || f.dialect.equals(dialectName)).map(f -> "--format " + f.flag)
                    .reduce((a, b) -> a + " or " + b).orElseThrow();
            throw new FerryException(ErrorCode.USAGE, "--format " + flag + " backs up " + dialect + " databases, and this one is " + dialectName,
                    "for " + dialectName + " use " + works);
        }
    }
}

package dev.ferry.copy.out;

import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.Constraint;
import dev.ferry.schema.model.Table;
import dev.ferry.spi.SchemaSql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;

/**
 * The target's statements for planned tables, written by its own {@link SchemaSql}: CREATE TABLE
 * before the data with the primary key (an AUTO_INCREMENT column must be a key when it is
 * declared, and InnoDB stores rows in key order anyway) and the enum CHECKs; unique and plain
 * indexes, foreign keys (MariaDB: ALTER TABLE after the data; SQLite declares them in CREATE
 * TABLE, the only place it can) and identity positions after it. Names follow PostgreSQL's
 * ({@code track_album_id_fkey}), shortened with a hash where the target's limit needs it.
 */
public final class OutSchema {
    /** MariaDB's tables keep utf8mb4 in binary order, so that keys unique in PostgreSQL (case-sensitive) stay unique. */
    private static final List<String> MARIADB_TABLE = List.of("DEFAULT CHARSET=utf8mb4", "COLLATE=utf8mb4_bin");
    private final OutTarget target;
    private final SchemaSql sql;
    private final UnaryOperator<String> quote;

    public OutSchema(OutTarget target, SchemaSql sql, UnaryOperator<String> quote) {
        this.target = target;
        this.sql = sql;
        this.quote = quote;
    }

    public List<String> beforeData(List<OutTable> plans) {
        return plans.stream().map(p -> sql.createTable(table(p))).toList();
    }

    /**
     * Indexes and foreign keys (unless {@code keysToo} is false: a --data-only copy's tables have their own), then identity
     * positions (unless {@code positionsToo} is false: SQLite tables made without AUTOINCREMENT continue after their highest id anyway).
     */
    public List<String> afterData(List<OutTable> plans, boolean keysToo, boolean positionsToo) {
        List<String> statements = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        for (OutTable p : plans) {
            if (keysToo) {
                p.source().uniques().forEach(u -> statements.add(index(p, u, true)));
                p.source().indexes().forEach(i -> statements.add(index(p, i, false)));
                if (!sql.foreignKeysInCreateTable()) {
                    Table t = table(p);
                    p.foreignKeys().forEach(fk -> foreign.add(sql.addConstraint(t, foreignKey(p, fk))));
                }
            }
            p.identity().filter(c -> positionsToo && c.source().nextValue() > 0).ifPresent(c -> statements.addAll(identityPosition(p, c.source().nextValue())));
        }
        statements.addAll(foreign);
        return statements;
    }

    private Table table(OutTable p) {
        List<Column> columns = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        for (OutTable.OutColumn c : p.columns()) {
            String identity = c.identity() ? (target == OutTarget.MARIADB ? "AUTO_INCREMENT" : "AUTOINCREMENT") : null;
            columns.add(new Column(c.name(), c.type().sqlType(), !c.source().notNull() && !c.identity(), c.defaultValue(), identity, null));
            if (c.type().check() != null) {
                constraints.add(new Constraint(name(p.name(), List.of(c.name()), "check"), "CHECK", "CHECK (" + c.type().check().formatted(quote.apply(c.name())) + ")"));
            }
        }
        List<String> key = p.source().primaryKey();
        if (!key.isEmpty()) {
            constraints.add(new Constraint(name(p.name(), List.of(), "pkey"), "PRIMARY KEY", "PRIMARY KEY (" + list(key) + ")"));
        }
        if (sql.foreignKeysInCreateTable()) {
            p.foreignKeys().forEach(fk -> constraints.add(foreignKey(p, fk)));
        }
        return new Table(null, p.name(), columns, constraints, List.of(), List.of(), null, false, dev.ferry.schema.model.RowSecurity.NONE,
                target == OutTarget.MARIADB ? MARIADB_TABLE : List.of());
    }

    private Constraint foreignKey(OutTable p, PgTable.ForeignKey fk) {
        return new Constraint(name(p.name(), fk.columns(), "fkey"), "FOREIGN KEY", "FOREIGN KEY (" + list(fk.columns()) + ") REFERENCES "
                + quote.apply(fk.referencedTable()) + " (" + list(fk.referencedColumns()) + ")"
                + (fk.onDelete().equals("NO ACTION") ? "" : " ON DELETE " + fk.onDelete())
                + (fk.onUpdate().equals("NO ACTION") ? "" : " ON UPDATE " + fk.onUpdate()));
    }

    private String index(OutTable p, List<String> columns, boolean unique) {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + quote.apply(name(p.name(), columns, unique ? "key" : "idx")) + " ON "
                + quote.apply(p.name()) + " (" + list(columns) + ")";
    }

    /** The next id where the source's sequence stands (past deleted rows too); the target never moves it below its highest id. */
    private List<String> identityPosition(OutTable p, long next) {
        if (target == OutTarget.MARIADB) {
            return List.of("ALTER TABLE " + quote.apply(p.name()) + " AUTO_INCREMENT = " + next);
        }
        String name = OutTypes.literal(p.name(), target);
        return List.of("UPDATE sqlite_sequence SET seq = max(seq, " + (next - 1) + ") WHERE name = " + name,
                "INSERT INTO sqlite_sequence (name, seq) SELECT " + name + ", " + (next - 1) + " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = "
                        + name + ")");
    }

    /** PostgreSQL's way of naming ({@code album_artist_id_fkey}), shortened to the target's limit with a hash of the whole name. */
    String name(String table, List<String> columns, String suffix) {
        String name = table + (columns.isEmpty() ? "" : "_" + String.join("_", columns)) + "_" + suffix;
        if (name.length() <= target.maxIdentifier) {
            return name;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        String hash = HexFormat.of().toHexDigits((int) crc.getValue());
        return name.substring(0, target.maxIdentifier - suffix.length() - hash.length() - 2) + "_" + hash + "_" + suffix;
    }

    private String list(List<String> columns) {
        return String.join(", ", columns.stream().map(quote).toList());
    }
}

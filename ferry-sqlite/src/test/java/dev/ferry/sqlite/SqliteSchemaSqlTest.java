package dev.ferry.sqlite;

import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.Constraint;
import dev.ferry.schema.model.Table;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SqliteSchemaSqlTest {
    private final SqliteSchemaSql sql = new SqliteSchemaSql();
    private final Column id = Column.of("id", "INTEGER", false, null);
    private final Constraint pk = new Constraint("pk_t", "PRIMARY KEY", "PRIMARY KEY (\"id\")");

    @Test
    void foreignKeysAreNamedByTheirColumnsNotTheirPosition() {
        Constraint toArtist = SqliteSchemaReader.foreignKey("Album", rows(new String[] {"Artist", "ArtistId", "ArtistId", "NO ACTION", "CASCADE"}));
        assertThat(toArtist).isEqualTo(new Constraint("fk_Album_ArtistId", "FOREIGN KEY",
                "FOREIGN KEY (\"ArtistId\") REFERENCES \"Artist\" (\"ArtistId\") ON DELETE CASCADE"));
        Constraint implicit = SqliteSchemaReader.foreignKey("c", rows(new String[] {"p", "pid", null, "SET NULL", "NO ACTION"}));
        assertThat(implicit.definition()).isEqualTo("FOREIGN KEY (\"pid\") REFERENCES \"p\" ON UPDATE SET NULL");

        Constraint one = new Constraint("fk_t_a", "FOREIGN KEY", "FOREIGN KEY (\"a\") REFERENCES \"x\" (\"id\")");
        Constraint two = new Constraint("fk_t_a", "FOREIGN KEY", "FOREIGN KEY (\"a\") REFERENCES \"y\" (\"id\")");
        List<Constraint> forward = SqliteSchemaReader.uniqueNames(List.of(one, two));
        assertThat(forward).extracting(Constraint::name).containsExactly("fk_t_a_1", "fk_t_a_2");
        assertThat(SqliteSchemaReader.uniqueNames(List.of(two, one))).as("whatever the order").containsExactlyInAnyOrderElementsOf(forward);
        assertThat(SqliteSchemaReader.checkName("t", "n < 10")).isEqualTo(SqliteSchemaReader.checkName("t", "n < 10")).startsWith("ck_t_");
    }

    @Test
    void expressionDefaultsGetTheirParenthesesBack() {
        assertThat(SqliteSchemaSql.defaultExpression("datetime('now')")).isEqualTo("(datetime('now'))");
        assertThat(SqliteSchemaSql.defaultExpression("CURRENT_TIMESTAMP")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(SqliteSchemaSql.defaultExpression("'it''s'")).isEqualTo("'it''s'");
        assertThat(SqliteSchemaSql.defaultExpression("-1.5e3")).isEqualTo("-1.5e3");
        assertThat(SqliteSchemaSql.defaultExpression("X'00ff'")).isEqualTo("X'00ff'");
    }

    @Test
    void onlyAddableColumnsAndDropsAlterInPlace() {
        Table from = new Table(null, "t", List.of(id, Column.of("gone", "TEXT", true, null)), List.of(pk), List.of());
        assertThat(sql.altersInPlace(from, table(Column.of("note", "TEXT", true, null)))).as("nullable, drop").isTrue();
        assertThat(sql.altersInPlace(from, table(Column.of("n", "INT", false, "0")))).as("NOT NULL with a default").isTrue();
        assertThat(sql.altersInPlace(from, table(Column.of("n", "INT", false, null)))).as("NOT NULL, no default").isFalse();
        assertThat(sql.altersInPlace(from, table(Column.of("at", "TEXT", true, "CURRENT_TIMESTAMP")))).as("not constant").isFalse();
        assertThat(sql.altersInPlace(from, table(Column.of("at", "TEXT", true, "datetime('now')")))).as("expression").isFalse();
        assertThat(sql.altersInPlace(from, table(new Column("s", "INT", true, null, null, "(id * 2) STORED")))).as("stored").isFalse();
        assertThat(sql.altersInPlace(from, table(new Column("v", "INT", true, null, null, "(id * 2) VIRTUAL")))).as("virtual").isTrue();
        Table changedType = new Table(null, "t", List.of(id, Column.of("gone", "INT", true, null)), List.of(pk), List.of());
        assertThat(sql.altersInPlace(from, changedType)).as("type change").isFalse();
        Table withFk = new Table(null, "t", List.of(id), List.of(pk,
                new Constraint("fk_t_id", "FOREIGN KEY", "FOREIGN KEY (\"id\") REFERENCES \"x\" (\"id\")")), List.of());
        assertThat(sql.altersInPlace(from, withFk)).as("a foreign key more").isFalse();
        Column unique = Column.of("code", "TEXT", true, null);
        Table withUnique = new Table(null, "t", List.of(id, unique), List.of(pk, new Constraint("uq_t_code", "UNIQUE", "UNIQUE (\"code\")")), List.of());
        assertThat(SqliteSchemaSql.canAdd(withUnique, unique)).as("UNIQUE column").isFalse();
    }

    /** Issue 9, item 4: the copy of a rebuild cannot fail on a row, whatever the target's constraints. */
    @Test
    void aRebuildsCopyFillsDefaultsAndLeavesOutRowsItCannotTake() {
        Table from = new Table(null, "t", List.of(id, Column.of("name", "TEXT", true, null), Column.of("qty", "INT", true, null),
                Column.of("gone", "TEXT", true, null)), List.of(pk), List.of());
        Table to = new Table(null, "t", List.of(id, Column.of("name", "TEXT", false, null), Column.of("qty", "INT", false, "0"),
                Column.of("at", "TEXT", false, "datetime('now')")), List.of(pk), List.of());
        assertThat(sql.rebuildTable(from, to, java.util.OptionalLong.of(0))).containsSubsequence(
                "INSERT OR IGNORE INTO \"ferry_new_t\" (\"id\", \"name\", \"qty\") SELECT \"id\", \"name\", COALESCE(\"qty\", 0) FROM \"t\"",
                "ALTER TABLE \"t\" RENAME TO \"ferry_old_t\"", "ALTER TABLE \"ferry_new_t\" RENAME TO \"t\"",
                "PRAGMA foreign_keys = ON", "DROP TABLE \"ferry_old_t\"", "PRAGMA foreign_keys = OFF");
    }

    /** The guard marks a row by a primary key that cannot be NULL (a WITHOUT ROWID table has no rowid), else by rowid. */
    @Test
    void theGuardMarksARowByANotNullPrimaryKeyElseByRowid() {
        Constraint key = new Constraint("pk_t", "PRIMARY KEY", "PRIMARY KEY (\"k\", \"n\")");
        Table keyed = new Table(null, "t", List.of(Column.of("k", "TEXT", false, null), Column.of("n", "INT", false, null)), List.of(key), List.of());
        assertThat(SqliteSchemaSql.oneRow(keyed)).isEqualTo("(\"k\" COLLATE BINARY, \"n\" COLLATE BINARY) = (SELECT \"k\", \"n\" FROM \"t\" LIMIT 1)");
        Table nullable = new Table(null, "t", List.of(Column.of("k", "TEXT", true, null), Column.of("n", "INT", false, null)), List.of(key), List.of());
        assertThat(SqliteSchemaSql.oneRow(nullable)).isEqualTo("rowid = (SELECT min(rowid) FROM \"t\")");
        Table shadowed = new Table(null, "t", List.of(Column.of("rowid", "TEXT", true, null)), List.of(), List.of());
        assertThat(SqliteSchemaSql.oneRow(shadowed)).as("a column named rowid hides the rowid").isEqualTo("oid = (SELECT min(oid) FROM \"t\")");
        Table allShadowed = new Table(null, "t", List.of(Column.of("ROWID", "TEXT", true, null), Column.of("oid", "INT", true, null),
                Column.of("_rowid_", "INT", true, null)), List.of(), List.of());
        assertThat(catchThrowableOfType(() -> SqliteSchemaSql.oneRow(allShadowed), dev.ferry.error.FerryException.class).getMessage())
                .contains("rowid, oid and _rowid_");
    }

    /** WITHOUT ROWID and STRICT are written after the parenthesis, so a rebuild keeps them; changing one rebuilds. */
    @Test
    void tableOptionsAreWrittenAndAChangedOneRebuilds() {
        Table plain = new Table(null, "t", List.of(id), List.of(pk), List.of());
        Table both = withOptions(plain, "WITHOUT ROWID", "STRICT");
        assertThat(sql.createTable(both)).endsWith("\n) WITHOUT ROWID, STRICT");
        assertThat(sql.createTable(withOptions(plain, "STRICT"))).endsWith("\n) STRICT");
        assertThat(sql.createTable(plain)).endsWith("\n)");
        Table wider = withOptions(new Table(null, "t", List.of(id, Column.of("n", "INT", false, null)), List.of(pk), List.of()),
                "WITHOUT ROWID", "STRICT");
        assertThat(sql.rebuildTable(both, wider, java.util.OptionalLong.of(0))).anySatisfy(s -> assertThat(s)
                .startsWith("CREATE TABLE \"ferry_new_t\"").endsWith(") WITHOUT ROWID, STRICT"));
        assertThat(sql.altersInPlace(plain, withOptions(plain, "STRICT"))).as("STRICT added").isFalse();
        assertThat(sql.altersInPlace(both, withOptions(plain, "STRICT"))).as("WITHOUT ROWID dropped").isFalse();
        assertThat(sql.altersInPlace(both, withOptions(plain, "WITHOUT ROWID", "STRICT"))).as("same options").isTrue();
    }

    /**
     * OR IGNORE does not cover a STRICT type error, which fails the whole INSERT: the copy into a
     * STRICT table leaves out the rows whose values no affinity turns into the column's type.
     */
    @Test
    void aCopyIntoAStrictTableLeavesOutValuesOfTheWrongType() {
        Table from = new Table(null, "t", List.of(id, Column.of("n", "TEXT", true, null), Column.of("any", "", true, null)), List.of(pk), List.of());
        Table into = withOptions(new Table(null, "ferry_new_t", List.of(id, Column.of("n", "REAL", true, null), Column.of("any", "ANY", true, null)),
                List.of(pk), List.of()), "STRICT");
        String copy = sql.copy(from, into).orElseThrow();
        assertThat(copy).startsWith("INSERT OR IGNORE INTO \"ferry_new_t\" (\"id\", \"n\", \"any\") SELECT \"id\", \"n\", \"any\" FROM \"t\" WHERE ")
                .contains("CAST(+\"n\" AS NUMERIC) = +\"n\"").doesNotContain("+\"any\"");
        assertThat(sql.copy(from, withOptions(into, "WITHOUT ROWID")).orElseThrow()).as("not STRICT: no filter").doesNotContain("WHERE");
    }

    private static Table withOptions(Table t, String... options) {
        return new Table(t.schema(), t.name(), t.columns(), t.constraints(), t.indexes(), t.triggers(), t.partitioning(), t.unlogged(),
                t.rowSecurity(), List.of(options));
    }

    private Table table(Column added) {
        return new Table(null, "t", List.of(id, added), List.of(pk), List.of());
    }

    private static List<String[]> rows(String[]... rows) {
        return List.of(rows);
    }
}

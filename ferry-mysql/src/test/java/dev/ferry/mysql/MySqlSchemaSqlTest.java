package dev.ferry.mysql;

import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.Index;
import dev.ferry.schema.model.Table;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlSchemaSqlTest {
    private final MySqlSchemaSql sql = new MySqlSchemaSql();

    @Test
    void mariaDbDefaultsAreSqlAlreadyButNullIsSpelledOut() {
        assertThat(MySqlSchemaReader.defaultValue(true, "NULL", "")).isNull();
        assertThat(MySqlSchemaReader.defaultValue(true, null, "")).isNull();
        assertThat(MySqlSchemaReader.defaultValue(true, "'NULL'", "")).isEqualTo("'NULL'");
        assertThat(MySqlSchemaReader.defaultValue(true, "'it''s'", "")).isEqualTo("'it''s'");
        assertThat(MySqlSchemaReader.defaultValue(true, "current_timestamp()", "on update current_timestamp()")).isEqualTo("current_timestamp()");
        assertThat(MySqlSchemaReader.defaultValue(true, "1.50", "")).isEqualTo("1.50");
    }

    @Test
    void mySqlDefaultsAreQuotedUnlessExpressions() {
        assertThat(MySqlSchemaReader.defaultValue(false, null, "")).isNull();
        assertThat(MySqlSchemaReader.defaultValue(false, "it's", "")).isEqualTo("'it''s'");
        assertThat(MySqlSchemaReader.defaultValue(false, "0", "")).isEqualTo("'0'");
        assertThat(MySqlSchemaReader.defaultValue(false, "CURRENT_TIMESTAMP(3)", "DEFAULT_GENERATED")).isEqualTo("CURRENT_TIMESTAMP(3)");
        assertThat(MySqlSchemaReader.defaultValue(false, "uuid()", "DEFAULT_GENERATED")).isEqualTo("(uuid())");
    }

    @Test
    void typeNamesTheCharsetOnlyWhenItIsNotTheTablesAndKeepsOnUpdate() {
        assertThat(MySqlSchemaReader.type("varchar(10)", "utf8mb4", "utf8mb4_general_ci", "utf8mb4_general_ci", "")).isEqualTo("varchar(10)");
        assertThat(MySqlSchemaReader.type("varchar(10)", "utf8mb3", "utf8mb3_general_ci", "utf8mb4_general_ci", ""))
                .isEqualTo("varchar(10) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci");
        assertThat(MySqlSchemaReader.type("datetime", null, null, "utf8mb4_general_ci", "on update current_timestamp()"))
                .isEqualTo("datetime ON UPDATE current_timestamp()");
    }

    @Test
    void dropIndexNamesItsTable() {
        assertThat(sql.dropIndex(null, "we`ird", new Index("ix", "CREATE UNIQUE INDEX `ix` ON `we``ird` (`a`(5), `b` DESC)")))
                .isEqualTo("DROP INDEX `ix` ON `we``ird`");
        assertThat(sql.dropIndex("other", "t", new Index("ix", "CREATE INDEX `ix` ON `other`.`t` (`a`)")))
                .isEqualTo("DROP INDEX `ix` ON `other`.`t`");
    }

    @Test
    void onlyTheDataTypeDecidesNarrowing() {
        assertThat(sql.narrows("datetime", "datetime ON UPDATE current_timestamp()")).isFalse();
        assertThat(sql.narrows("varchar(120)", "varchar(200)")).isFalse();
        assertThat(sql.narrows("varchar(200)", "varchar(120)")).isTrue();
        assertThat(sql.narrows("bigint(20)", "int(11)")).isTrue();
    }

    /** Issue 9: a widening MariaDB prints with display widths and UNSIGNED keeps every value. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "int(11)|bigint(20)|false", "smallint(6)|int(11)|false", "tinyint(4)|smallint(6)|false",
            "smallint(6)|mediumint(9)|false", "mediumint(9)|int(11)|false", "tinyint(1)|bigint(20)|false",
            "int(10) unsigned|bigint(20)|false", "int(10) unsigned|bigint(20) unsigned|false", "tinyint(3) unsigned|smallint(6)|false",
            "int(10) unsigned zerofill|bigint(20) unsigned|false", "int(11)|int(10) unsigned|true", "int(10) unsigned|int(11)|true",
            "bigint(20) unsigned|bigint(20)|true", "bigint(20)|int(11)|true", "int(11)|smallint(6)|true",
            "varchar(10)|varchar(20)|false", "varchar(20)|varchar(10)|true",
            "decimal(10,2)|decimal(12,2)|false", "decimal(10,2)|decimal(12,4)|false", "decimal(10,2)|decimal(10,3)|true",
            "decimal(10,2) unsigned|decimal(12,2) unsigned|false", "varchar(10)|mediumtext|false", "text|longtext|false",
            "mediumtext|text|true"})
    void wideningIsNotNarrowing(String from, String to, boolean narrows) {
        assertThat(sql.narrows(from, to)).as(from + " -> " + to).isEqualTo(narrows);
    }

    /** Issue 9, item 5: every MODIFY COLUMN restates the comment, or MariaDB drops it. */
    @Test
    void everyModifyKeepsTheColumnsComment() {
        Column from = new Column("n", "int(11)", true, null, null, null, null, "it's a\\b");
        Column to = new Column("n", "bigint(20)", true, null, null, null, null, "it's a\\b");
        Table t = new Table(null, "t", List.of(to), List.of(new dev.ferry.schema.model.Constraint("n", "CHECK", "CHECK (`n` > 0)")), List.of());
        assertThat(sql.alterColumn(t, from, to)).first().isEqualTo("ALTER TABLE `t` MODIFY COLUMN `n` bigint(20) NULL COMMENT 'it''s a\\\\b'");
        assertThat(sql.dropConstraint(t, t.constraints().get(0))).startsWith("ALTER TABLE `t` MODIFY COLUMN `n` bigint(20) NULL COMMENT 'it''s a\\\\b';");
        Column generated = new Column("g", "int(11)", true, null, null, "(`n` * 2) VIRTUAL", null, "twice");
        assertThat(MySqlSchemaSql.columnDefinition(generated)).isEqualTo("`g` int(11) GENERATED ALWAYS AS (`n` * 2) VIRTUAL COMMENT 'twice'");
    }

    @Test
    void addedColumnsKeepTheTargetsOrder() {
        Column a = Column.of("a", "int(11)", false, null);
        Column b = Column.of("b", "int(11)", true, "0");
        Table t = new Table(null, "t", List.of(a, b), List.of(), List.of());
        assertThat(sql.addColumn(t, a)).isEqualTo("ALTER TABLE `t` ADD COLUMN `a` int(11) NOT NULL FIRST");
        assertThat(sql.addColumn(t, b)).isEqualTo("ALTER TABLE `t` ADD COLUMN `b` int(11) NULL DEFAULT 0 AFTER `a`");
    }
}

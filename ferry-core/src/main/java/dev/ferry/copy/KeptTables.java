package dev.ferry.copy;

import dev.ferry.copy.cross.PostgresTarget;
import dev.ferry.copy.cross.PostgresTargetSchema;
import dev.ferry.copy.cross.SourcePlans;
import dev.ferry.copy.cross.TablePlan;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Table;
import dev.ferry.spi.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * {@code unmapped: keep-in-schema legacy}: the source tables no target is filled from, copied as they
 * are into a schema of their own on the target (names kept, types as a copy into PostgreSQL maps
 * them, primary keys, unique keys and indexes), so that nothing the new schema has no home for is
 * lost. Foreign keys are kept among those tables only; one to a mapped table has no table to refer
 * to there, and is named in a note.
 */
record KeptTables(String schema, List<TablePlan> plans) {

    /** The plans of {@code unmapped} tables, in schema {@code schema} of the target. */
    static KeptTables of(Database from, Connection src, String schema, SchemaModel model, List<Table> unmapped, Consumer<String> notes)
            throws SQLException {
        SourcePlans.Source kind = CrossDialectCopy.sourceKind(from);
        List<TablePlan> plans = SourcePlans.of(src, kind, model.withTables(unmapped), from.dialect()::quoteIdentifier, UnaryOperator.identity());
        Set<String> kept = plans.stream().map(TablePlan::targetTable).collect(Collectors.toSet());
        List<TablePlan> among = new ArrayList<>();
        for (TablePlan p : plans) {
            List<TablePlan.ForeignKey> inside = p.foreignKeys().stream().filter(fk -> kept.contains(fk.referencedTable())).toList();
            p.foreignKeys().stream().filter(fk -> !kept.contains(fk.referencedTable())).forEach(fk -> notes.accept(schema + "." + p.targetTable()
                    + ": its foreign key (" + String.join(", ", fk.columns()) + ") to " + fk.referencedTable() + " is not kept, as " + fk.referencedTable()
                    + " is not in " + schema));
            among.add(new TablePlan(p.sourceTable(), p.targetTable(), p.columns(), p.primaryKey(), p.uniques(), p.indexes(), inside));
            p.columns().stream().filter(c -> c.sourceExpression().startsWith("CAST(")).forEach(c -> notes.accept(schema + "." + p.targetTable() + "."
                    + c.targetName() + " is kept as text: the copy cannot write its type (" + c.sourceName() + ") into another database"));
        }
        return new KeptTables(schema, among);
    }

    /** The SELECT that reads one kept table on the source. */
    static String select(Database from, TablePlan p) {
        return "SELECT " + String.join(", ", p.columns().stream().map(TablePlan.ColumnPlan::sourceExpression).toList()) + " FROM "
                + quotedSource(from, p.sourceTable());
    }

    /** Those of the kept tables the target has already: their names, and which of them hold rows. */
    List<String> existing(Connection target, List<String> holding) throws SQLException {
        List<String> there = new ArrayList<>();
        for (TablePlan p : plans) {
            if (!PostgresTarget.columns(target, schema, p.targetTable()).isEmpty()) {
                there.add(p.targetTable());
                if (PostgresTarget.holdsRows(target, PostgresTargetSchema.table(schema, p.targetTable()))) {
                    holding.add(schema + "." + p.targetTable());
                }
            }
        }
        return there;
    }

    /** The schema, and its tables made again from the source (an empty one, or one --truncate empties, dropped first). */
    List<String> create(List<String> existing) {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE SCHEMA IF NOT EXISTS " + PostgresTargetSchema.q(schema));
        existing.forEach(t -> sql.add("DROP TABLE " + PostgresTargetSchema.table(schema, t) + " CASCADE"));
        sql.addAll(PostgresTargetSchema.beforeData(schema, plans));
        return sql;
    }

    /** Keys, indexes and the foreign keys among the kept tables, after their rows. */
    List<String> afterData() {
        return PostgresTargetSchema.afterData(schema, plans);
    }

    /** A source table name as the source quotes it ("public.events" → "public"."events"). */
    static String quotedSource(Database from, String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? from.dialect().quoteIdentifier(name)
                : from.dialect().quoteIdentifier(name.substring(0, dot)) + "." + from.dialect().quoteIdentifier(name.substring(dot + 1));
    }
}

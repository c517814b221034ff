package dev.ferry.postgres;

import dev.ferry.schema.SchemaChange;
import dev.ferry.schema.SchemaDiff;
import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.ColumnRef;
import dev.ferry.schema.model.EnumType;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Table;
import dev.ferry.schema.model.View;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The order and shape of PostgreSQL repair statements, on models built by hand. */
class PostgresSchemaSqlTest {
    private final PostgresSchemaSql sql = new PostgresSchemaSql();

    private static SchemaModel model(List<EnumType> enums, List<Table> tables, List<View> views) {
        return new SchemaModel(List.of("public"), List.of(), enums, List.of(), List.of(), List.of(), tables, views, List.of());
    }

    private static Table users(String nameType) {
        return new Table("public", "users", List.of(Column.of("id", "integer", false, null), Column.of("name", nameType, true, null)),
                List.of(), List.of());
    }

    private static View view(String name, List<ColumnRef> reads, String... dependsOn) {
        return new View("public", name, false, " SELECT 1;", List.of(dependsOn), reads, List.of());
    }

    @Test
    void viewsReadingAReshapedColumnAreDroppedFirstAndCreatedAfterwardsInDependencyOrder() {
        List<View> views = List.of(view("report", List.of(), "public.names"),
                view("names", List.of(new ColumnRef("public", "users", "name")), "public.users"),
                view("ids", List.of(new ColumnRef("public", "users", "id")), "public.users"), view("other", List.of()));
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(), List.of(users("character varying(40)")), views),
                model(List.of(), List.of(users("text")), views), sql);

        assertThat(changes).extracting(c -> c.phase() + " " + c.object()).containsExactly(
                "DROP_VIEWS view public.report",
                "DROP_VIEWS view public.names",
                "COLUMNS column public.users.name",
                "CREATE_VIEWS view public.names",
                "CREATE_VIEWS view public.report");
        assertThat(changes.get(2).sql()).isEqualTo("ALTER TABLE \"public\".\"users\" ALTER COLUMN \"name\" TYPE text USING \"name\"::text");
        assertThat(changes.get(3).summary()).isEqualTo("recreated: reads column public.users.name, whose type changes");
        assertThat(changes.get(4).summary()).isEqualTo("recreated: reads a view that is recreated");
    }

    @Test
    void enumLabelsInsertedInPlaceAreAddedWhereTheyBelong() {
        EnumType from = new EnumType("public", "mood", List.of("sad", "happy"), List.of());
        EnumType to = new EnumType("public", "mood", List.of("angry", "sad", "ok", "happy", "elated"), List.of());
        assertThat(sql.addEnumValues(from, to)).containsExactly(
                "ALTER TYPE \"public\".\"mood\" ADD VALUE 'angry' BEFORE 'sad'",
                "ALTER TYPE \"public\".\"mood\" ADD VALUE 'ok' AFTER 'sad'",
                "ALTER TYPE \"public\".\"mood\" ADD VALUE 'elated' AFTER 'happy'");
    }

    @Test
    void removingAnEnumLabelRecreatesTheTypeAndConvertsItsColumnsThroughText() {
        ColumnRef rating = new ColumnRef("public", "film", "rating");
        EnumType from = new EnumType("public", "rating", List.of("G", "PG", "X"), List.of(rating));
        EnumType to = new EnumType("public", "rating", List.of("G", "PG"), List.of(rating));
        assertThat(sql.addEnumValues(from, to)).isEmpty();
        assertThat(sql.recreateEnum(from, to, java.util.Map.of("public.film.rating", "'G'::rating"))).containsExactly(
                "ALTER TYPE \"public\".\"rating\" RENAME TO \"rating__ferry_old\"",
                "CREATE TYPE \"public\".\"rating\" AS ENUM ('G', 'PG')",
                "ALTER TABLE \"public\".\"film\" ALTER COLUMN \"rating\" DROP DEFAULT",
                "ALTER TABLE \"public\".\"film\" ALTER COLUMN \"rating\" TYPE \"public\".\"rating\" USING \"rating\"::text::\"public\".\"rating\"",
                "ALTER TABLE \"public\".\"film\" ALTER COLUMN \"rating\" SET DEFAULT 'G'::rating",
                "DROP TYPE \"public\".\"rating__ferry_old\"");
    }
}

package dev.ferry.backup;

import dev.ferry.schema.model.SchemaModel;

import java.util.List;

/**
 * What a database holds the moment it is created, as the schema model sees it: the "from" side of
 * the script that builds the source's schema into it. PostgreSQL's has the schema public and the
 * extension plpgsql (when the model lists it at all).
 */
public final class EmptyDatabase {
    private EmptyDatabase() {
    }

    public static SchemaModel model(SchemaModel source) {
        return new SchemaModel(source.schemas().stream().filter(s -> s.equals("public")).toList(),
                source.extensions().stream().filter(e -> e.name().equals("plpgsql")).toList(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}

package dev.ferry.schema.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The inspected schema of a database: what a diff compares. MariaDB and SQLite fill tables only.
 *
 * @param schemas the schemas (namespaces) in scope; empty for databases without them
 */
public record SchemaModel(List<String> schemas, List<Extension> extensions, List<EnumType> enums, List<Domain> domains,
                          List<Sequence> sequences, List<Routine> routines, List<Table> tables, List<View> views,
                          List<Comment> comments, List<Ownership> owners) {

    /** A model of tables alone. */
    public static SchemaModel ofTables(List<Table> tables) {
        return new SchemaModel(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), tables, List.of(), List.of(), List.of());
    }

    public SchemaModel withTables(List<Table> newTables) {
        return new SchemaModel(schemas, extensions, enums, domains, sequences, routines, newTables, views, comments, owners);
    }

    /** The model without owners, which a diff leaves out unless asked. */
    public SchemaModel withoutOwners() {
        return new SchemaModel(schemas, extensions, enums, domains, sequences, routines, tables, views, comments, List.of());
    }

    public Optional<Table> table(String key) {
        return tables.stream().filter(t -> t.key().equals(key)).findFirst();
    }

    public Map<String, Table> tablesByKey() {
        return tables.stream().collect(Collectors.toMap(Table::key, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }
}

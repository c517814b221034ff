package dev.ferry.stream;

import java.util.List;

/**
 * A table, or one key range of it, that the engine moves: its name, the columns it moves in order
 * (generated columns left out, since no database lets a load write them), and the condition that
 * selects the range (null: the whole table).
 */
public record TableRef(String schema, String name, List<String> columns, String where) {

    public TableRef {
        columns = List.copyOf(columns);
    }

    public TableRef(String schema, String name, List<String> columns) {
        this(schema, name, columns, null);
    }

    /** "public.album", for manifests and messages. */
    public String qualifiedName() {
        return schema == null ? name : schema + "." + name;
    }

    /** "public.album" or "public.album where id >= 1000", for progress and messages. */
    public String label() {
        return qualifiedName() + (where == null ? "" : " where " + where);
    }
}

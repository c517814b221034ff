package dev.ferry.stream;

import java.util.List;

/**
 * A table the engine moves: its name and the columns it moves, in order (generated columns left
 * out, since no database lets a load write them).
 */
public record TableRef(String schema, String name, List<String> columns) {

    public TableRef {
        columns = List.copyOf(columns);
    }

    /** "public.album", for manifests and messages. */
    public String qualifiedName() {
        return schema == null ? name : schema + "." + name;
    }
}

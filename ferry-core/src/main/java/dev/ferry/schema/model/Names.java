package dev.ferry.schema.model;

/** Keys that name objects in messages and match them between two models. */
public final class Names {
    private Names() {
    }

    /** {@code schema.name}, or {@code name} alone for the connection's own schema. */
    public static String key(String schema, String name) {
        return schema == null ? name : schema + "." + name;
    }
}

package dev.ferry.validate;

/**
 * A table as checks.yaml names it: {@code invoice} or {@code public.invoice}.
 *
 * @param schema null when the name has no schema part (the session's own schema is meant)
 */
public record TableRef(String schema, String name) {

    /** {@code "public.invoice"} → (public, invoice); {@code "invoice"} → (null, invoice). */
    public static TableRef parse(String text) {
        int dot = text.lastIndexOf('.');
        return dot < 0 ? new TableRef(null, text) : new TableRef(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}

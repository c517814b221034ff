package dev.ferry.copy.out;

/**
 * How one PostgreSQL column lands in the target: the target's column type, how its values are read
 * from PostgreSQL and handed over, and a CHECK that keeps what the type kept (an enum's labels in SQLite).
 *
 * @param sqlType the target's type, as its CREATE TABLE writes it
 * @param select  what the source's SELECT reads, {@code %s} standing for the quoted column
 * @param check   a CHECK condition, {@code %s} standing for the target's quoted column; null when none
 */
public record OutType(String sqlType, Kind kind, String select, String check) {

    /** How a value travels: read from PostgreSQL as, and given to the target as. */
    public enum Kind {
        /** A whole number (getLong). */
        INTEGER,
        /** true or false, written 1 or 0. */
        BOOLEAN,
        /** A float: PostgreSQL's shortest text that reads back as the same value, or the double itself. */
        REAL,
        /** Text as PostgreSQL prints it (numbers with their exact digits, dates in ISO form, uuid, json, enum labels). */
        TEXT,
        /** Bytes as they are. */
        BYTES
    }

    static OutType of(String sqlType, Kind kind) {
        return new OutType(sqlType, kind, "%s", null);
    }

    /** Read as PostgreSQL's own text of the value. */
    static OutType asText(String sqlType) {
        return new OutType(sqlType, Kind.TEXT, "%s::text", null);
    }
}

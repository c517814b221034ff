package dev.ferry.schema.model;

/**
 * A sequence that is not an identity column's.
 *
 * @param ownedBy the column whose drop takes the sequence along, null when none
 */
public record Sequence(String schema, String name, String dataType, long start, long increment, long min, long max,
                       long cache, boolean cycle, ColumnRef ownedBy) {

    public String key() {
        return Names.key(schema, name);
    }

    /** Everything but the owner: what ALTER SEQUENCE sets. */
    public boolean sameOptions(Sequence o) {
        return dataType.equals(o.dataType) && start == o.start && increment == o.increment && min == o.min && max == o.max
                && cache == o.cache && cycle == o.cycle;
    }
}

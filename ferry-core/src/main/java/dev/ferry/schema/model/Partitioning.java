package dev.ferry.schema.model;

/**
 * Partitioning of a table: a partitioned table has {@code strategy}; a partition has its parent and
 * {@code bound}; a partition that is itself partitioned has all.
 *
 * @param strategy e.g. {@code RANGE (payment_date)}, null for a leaf partition
 * @param bound    e.g. {@code FOR VALUES FROM ('2022-01-01') TO ('2022-02-01')}, null when not a partition
 */
public record Partitioning(String strategy, String parentSchema, String parentName, String bound) {

    /** Key of the partitioned table, null when not a partition. */
    public String parent() {
        return parentName == null ? null : Names.key(parentSchema, parentName);
    }
}

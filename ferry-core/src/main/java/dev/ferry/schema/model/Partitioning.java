package dev.ferry.schema.model;

/**
 * Partitioning of a table: a partitioned table has {@code strategy}; a partition has its parent and
 * {@code bound}; a partition that is itself partitioned has all.
 *
 * @param strategy e.g. {@code RANGE (payment_date)}, null for a leaf partition
 * @param bound    e.g. {@code FOR VALUES FROM ('2022-01-01') TO ('2022-02-01')}, null when not a partition
 * @param inherited names of the constraints and indexes a partition has from its parent, which a
 *                  DETACH leaves on it as its own
 */
public record Partitioning(String strategy, String parentSchema, String parentName, String bound, java.util.List<String> inherited) {

    public Partitioning(String strategy, String parentSchema, String parentName, String bound) {
        this(strategy, parentSchema, parentName, bound, java.util.List.of());
    }

    /** Whether {@code other} puts the table in the same place: same parent and bound. */
    public static boolean sameMembership(Partitioning a, Partitioning b) {
        String parentA = a == null ? null : a.parent();
        String parentB = b == null ? null : b.parent();
        return java.util.Objects.equals(parentA, parentB) && (parentA == null || java.util.Objects.equals(a.bound(), b.bound()));
    }

    /** Key of the partitioned table, null when not a partition. */
    public String parent() {
        return parentName == null ? null : Names.key(parentSchema, parentName);
    }
}

package dev.ferry.backup;

import dev.ferry.schema.SchemaChange;
import dev.ferry.schema.SchemaChange.Phase;
import dev.ferry.schema.SchemaDiff;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.spi.SchemaSql;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The schema of a backup as two scripts, both the diff's "build this schema into an empty
 * database": what the data needs before it loads (schemas, types, tables, routines, views), and
 * what is cheaper or only correct after it (constraints, indexes, foreign keys, triggers, policies,
 * sequence positions), as pg_dump splits pre-data from post-data.
 */
public record SchemaScripts(String preData, String postData) {
    private static final Set<Phase> AFTER_DATA = EnumSet.of(Phase.ADD_CONSTRAINTS, Phase.ATTACH_PARTITIONS, Phase.ADD_INDEXES,
            Phase.ADD_FOREIGN_KEYS, Phase.CREATE_TRIGGERS, Phase.CREATE_POLICIES);

    public static SchemaScripts of(SchemaModel source, SchemaModel empty, SchemaSql sql, List<String> sequencePositions) {
        List<SchemaChange> changes = SchemaDiff.between(empty, source, sql);
        StringBuilder pre = new StringBuilder("-- Ferry backup: the schema, before the data.\n");
        StringBuilder post = new StringBuilder("-- Ferry backup: after the data.\n");
        sequencePositions.forEach(s -> post.append(s).append(";\n"));
        for (SchemaChange c : changes) {
            (AFTER_DATA.contains(c.phase()) ? post : pre).append("-- ").append(c.object()).append('\n').append(c.sql()).append(";\n");
        }
        return new SchemaScripts(pre.toString(), post.toString());
    }
}

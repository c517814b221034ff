package dev.ferry.postgres;

import dev.ferry.schema.model.Column;
import dev.ferry.schema.model.ColumnRef;
import dev.ferry.schema.model.Comment;
import dev.ferry.schema.model.Constraint;
import dev.ferry.schema.model.Domain;
import dev.ferry.schema.model.EnumType;
import dev.ferry.schema.model.Extension;
import dev.ferry.schema.model.Index;
import dev.ferry.schema.model.Names;
import dev.ferry.schema.model.Ownership;
import dev.ferry.schema.model.Partitioning;
import dev.ferry.schema.model.Policy;
import dev.ferry.schema.model.Routine;
import dev.ferry.schema.model.RowSecurity;
import dev.ferry.schema.model.SchemaModel;
import dev.ferry.schema.model.Sequence;
import dev.ferry.schema.model.Table;
import dev.ferry.schema.model.Trigger;
import dev.ferry.schema.model.View;
import dev.ferry.spi.Queries;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a database's schema from pg_catalog: one query per object kind, whatever the number of
 * objects. Objects that belong to an extension, and ownership, are left out.
 */
final class PostgresSchemaReader {
    /** User schemas, or the one asked for; the placeholder pair is the schema name (or null for all). */
    private static final String IN_SCOPE = " n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'"
            + " and n.nspname not like 'pg\\_temp\\_%' and (cast(? as text) is null or n.nspname = ?) ";

    private static String notFromExtension(String catalog, String oid) {
        return " and not exists (select 1 from pg_depend e where e.classid = '" + catalog + "'::regclass and e.objid = " + oid
                + " and e.deptype = 'e')";
    }

    private static final String RELATIONS = "select c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity,"
            + " c.relforcerowsecurity from pg_class c"
            + " join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p', 'v', 'm') and" + IN_SCOPE
            + notFromExtension("pg_class", "c.oid");

    private final Connection c;
    private final String schema;
    private final int major;
    /** Tables and views by oid: most queries return oids and are joined here rather than in SQL. */
    private final Map<Long, String[]> relations = new LinkedHashMap<>();

    PostgresSchemaReader(Connection c, String schema, int major) {
        this.c = c;
        this.schema = schema;
        this.major = major;
    }

    SchemaModel read() throws SQLException {
        query(RELATIONS + " order by n.nspname, c.relname", r -> relations.put(r.getLong(1),
                new String[] {r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7)}));
        Map<Long, List<Index>> indexes = indexes();
        List<Table> tables = tables(indexes);
        return new SchemaModel(schemas(), extensions(), enums(), domains(), sequences(), routines(), tables, views(indexes), comments(), owners());
    }

    private List<String> schemas() throws SQLException {
        List<String> schemas = new ArrayList<>();
        query("select n.nspname from pg_namespace n where" + IN_SCOPE + notFromExtension("pg_namespace", "n.oid") + " order by 1",
                r -> schemas.add(r.getString(1)));
        return schemas;
    }

    private List<Extension> extensions() throws SQLException {
        List<Extension> extensions = new ArrayList<>();
        // plpgsql lives in pg_catalog: extensions are matched by their schema only when one schema is asked for
        query("select x.extname, n.nspname from pg_extension x join pg_namespace n on n.oid = x.extnamespace"
                + " where (cast(? as text) is null or n.nspname = ?) order by 1", r -> extensions.add(new Extension(r.getString(1), r.getString(2))));
        return extensions;
    }

    private List<EnumType> enums() throws SQLException {
        Map<Long, List<ColumnRef>> usedBy = new LinkedHashMap<>();
        query("select a.atttypid, n.nspname, c.relname, a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid"
                + " join pg_namespace n on n.oid = c.relnamespace join pg_type t on t.oid = a.atttypid and t.typtype = 'e'"
                + " where c.relkind in ('r', 'p') and not c.relispartition and a.attnum > 0 and not a.attisdropped and" + IN_SCOPE
                + " order by n.nspname, c.relname, a.attnum",
                r -> usedBy.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new ColumnRef(r.getString(2), r.getString(3), r.getString(4))));
        List<EnumType> enums = new ArrayList<>();
        query("select t.oid, n.nspname, t.typname, array(select e.enumlabel from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder)"
                + " from pg_type t join pg_namespace n on n.oid = t.typnamespace where t.typtype = 'e' and" + IN_SCOPE
                + notFromExtension("pg_type", "t.oid") + " order by 2, 3",
                r -> enums.add(new EnumType(r.getString(2), r.getString(3), strings(r.getArray(4)), usedBy.getOrDefault(r.getLong(1), List.of()))));
        return enums;
    }

    private List<Domain> domains() throws SQLException {
        Map<Long, List<Constraint>> checks = new LinkedHashMap<>();
        query("select con.contypid, con.conname, pg_get_constraintdef(con.oid) from pg_constraint con join pg_type t on t.oid = con.contypid"
                + " join pg_namespace n on n.oid = t.typnamespace where con.contype = 'c' and" + IN_SCOPE + " order by con.conname",
                r -> checks.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new Constraint(r.getString(2), "CHECK", r.getString(3))));
        List<Domain> domains = new ArrayList<>();
        query("select t.oid, n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typdefault, t.typnotnull"
                + " from pg_type t join pg_namespace n on n.oid = t.typnamespace where t.typtype = 'd' and" + IN_SCOPE
                + notFromExtension("pg_type", "t.oid") + " order by 2, 3",
                r -> domains.add(new Domain(r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getBoolean(6),
                        checks.getOrDefault(r.getLong(1), List.of()))));
        return domains;
    }

    private List<Sequence> sequences() throws SQLException {
        List<Sequence> sequences = new ArrayList<>();
        // identity columns own their sequences (deptype 'i'): those are part of the column
        query("select n.nspname, c.relname, format_type(s.seqtypid, null), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,"
                + " s.seqcycle, tn.nspname, tc.relname, ta.attname"
                + " from pg_sequence s join pg_class c on c.oid = s.seqrelid join pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = c.oid and d.refclassid = 'pg_class'::regclass and d.deptype = 'a'"
                + " left join pg_class tc on tc.oid = d.refobjid left join pg_namespace tn on tn.oid = tc.relnamespace"
                + " left join pg_attribute ta on ta.attrelid = d.refobjid and ta.attnum = d.refobjsubid"
                + " where" + IN_SCOPE + notFromExtension("pg_class", "c.oid")
                + " and not exists (select 1 from pg_depend i where i.classid = 'pg_class'::regclass and i.objid = c.oid and i.deptype = 'i')"
                + " order by 1, 2",
                r -> sequences.add(new Sequence(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5), r.getLong(6),
                        r.getLong(7), r.getLong(8), r.getBoolean(9),
                        r.getString(11) == null ? null : new ColumnRef(r.getString(10), r.getString(11), r.getString(12)))));
        return sequences;
    }

    private List<Table> tables(Map<Long, List<Index>> indexes) throws SQLException {
        Map<Long, List<Column>> columns = new LinkedHashMap<>();
        // a collation is named only where it is not the type's own, as pg_dump does
        query("select a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), not a.attnotnull, pg_get_expr(d.adbin, d.adrelid),"
                + " a.attidentity, a.attgenerated, case when co.oid is not null then format('%I.%I', cn.nspname, co.collname) end"
                + " from pg_attribute a join pg_class c on c.oid = a.attrelid"
                + " join pg_namespace n on n.oid = c.relnamespace left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
                + " join pg_type ty on ty.oid = a.atttypid left join pg_collation co on co.oid = a.attcollation and a.attcollation <> ty.typcollation"
                + " left join pg_namespace cn on cn.oid = co.collnamespace"
                + " where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and" + IN_SCOPE + " order by a.attrelid, a.attnum", r -> {
            String expr = r.getString(5);
            String generated = switch (String.valueOf(r.getString(7))) {
                case "s" -> "(" + expr + ") STORED";
                case "v" -> "(" + expr + ") VIRTUAL";
                default -> null;
            };
            String identity = switch (String.valueOf(r.getString(6))) {
                case "a" -> "ALWAYS";
                case "d" -> "BY DEFAULT";
                default -> null;
            };
            columns.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new Column(r.getString(2), r.getString(3), r.getBoolean(4),
                    generated == null ? expr : null, identity, generated, r.getString(8), null));
        });
        Map<Long, List<Constraint>> constraints = new LinkedHashMap<>();
        // constraints a partition inherits from its parent come with the partition
        query("select con.conrelid, con.conname, con.contype, pg_get_constraintdef(con.oid) from pg_constraint con"
                + " join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace"
                + " where con.contype in ('p', 'u', 'c', 'x', 'f') and con.conislocal and con.conparentid = 0 and" + IN_SCOPE
                + " order by con.conname", r -> constraints.computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
                .add(new Constraint(r.getString(2), kind(r.getString(3)), r.getString(4))));
        Map<Long, List<Trigger>> triggers = new LinkedHashMap<>();
        query("select tg.tgrelid, tg.tgname, pg_get_triggerdef(tg.oid) from pg_trigger tg join pg_class c on c.oid = tg.tgrelid"
                + " join pg_namespace n on n.oid = c.relnamespace where not tg.tgisinternal"
                + (major >= 13 ? " and tg.tgparentid = 0" : "") + " and" + IN_SCOPE + " order by tg.tgname",
                r -> triggers.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new Trigger(r.getString(2), r.getString(3))));
        Map<Long, Partitioning> partitioning = new LinkedHashMap<>();
        query("select c.oid, case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end, pn.nspname, p.relname,"
                + " pg_get_expr(c.relpartbound, c.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_inherits i on c.relispartition and i.inhrelid = c.oid left join pg_class p on p.oid = i.inhparent"
                + " left join pg_namespace pn on pn.oid = p.relnamespace where (c.relkind = 'p' or c.relispartition) and" + IN_SCOPE,
                r -> partitioning.put(r.getLong(1), new Partitioning(r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        new ArrayList<>())));
        inherited(partitioning);
        Map<Long, List<Policy>> policies = policies();
        List<Table> tables = new ArrayList<>();
        relations.forEach((oid, n) -> {
            if (n[2].equals("r") || n[2].equals("p")) {
                RowSecurity security = new RowSecurity(n[4].equals("t"), n[5].equals("t"), policies.getOrDefault(oid, List.of()));
                tables.add(new Table(n[0], n[1], columns.getOrDefault(oid, List.of()), constraints.getOrDefault(oid, List.of()),
                        indexes.getOrDefault(oid, List.of()), triggers.getOrDefault(oid, List.of()), partitioning.get(oid),
                        n[3].equals("u"), security.equals(RowSecurity.NONE) ? RowSecurity.NONE : security));
            }
        });
        return tables;
    }

    /** Names of the constraints and indexes each partition has from its parent: DETACH leaves them as its own. */
    private void inherited(Map<Long, Partitioning> partitioning) throws SQLException {
        query("select con.conrelid, con.conname from pg_constraint con join pg_class c on c.oid = con.conrelid"
                + " join pg_namespace n on n.oid = c.relnamespace where con.conparentid <> 0 and" + IN_SCOPE
                + " union all select i.indrelid, ic.relname from pg_index i join pg_class ic on ic.oid = i.indexrelid"
                + " join pg_namespace n on n.oid = ic.relnamespace join pg_inherits ih on ih.inhrelid = i.indexrelid where" + IN_SCOPE
                + " order by 2", 2, r -> {
            Partitioning p = partitioning.get(r.getLong(1));
            if (p != null && !p.inherited().contains(r.getString(2))) {
                p.inherited().add(r.getString(2));
            }
        });
    }

    /** Row-level security policies by table, each as the CREATE POLICY that makes it. */
    private Map<Long, List<Policy>> policies() throws SQLException {
        Map<Long, List<Policy>> policies = new LinkedHashMap<>();
        query("select pol.polrelid, pol.polname, format('CREATE POLICY %I ON %I.%I AS %s FOR %s TO %s', pol.polname, n.nspname, c.relname,"
                + "   case when pol.polpermissive then 'PERMISSIVE' else 'RESTRICTIVE' end,"
                + "   case pol.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE' when 'd' then 'DELETE' else 'ALL' end,"
                + "   array_to_string(array(select case when r = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(r)) end"
                + "     from unnest(pol.polroles) r order by 1), ', '))"
                + "   || coalesce(' USING (' || pg_get_expr(pol.polqual, pol.polrelid) || ')', '')"
                + "   || coalesce(' WITH CHECK (' || pg_get_expr(pol.polwithcheck, pol.polrelid) || ')', '')"
                + " from pg_policy pol join pg_class c on c.oid = pol.polrelid join pg_namespace n on n.oid = c.relnamespace"
                + " where" + IN_SCOPE + " order by pol.polname",
                r -> policies.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new Policy(r.getString(2), r.getString(3))));
        return policies;
    }

    /**
     * Indexes of tables and materialized views (by the relation's oid) no constraint owns and that are not a partition's share of its parent's index. A
     * partitioned table's index prints as {@code ON ONLY}, which would leave the partitions without
     * theirs: created plainly, it reaches every partition.
     */
    private Map<Long, List<Index>> indexes() throws SQLException {
        Map<Long, List<Index>> indexes = new LinkedHashMap<>();
        query("select i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid) from pg_index i join pg_class ic on ic.oid = i.indexrelid"
                + " join pg_namespace n on n.oid = ic.relnamespace where" + IN_SCOPE
                + " and not exists (select 1 from pg_constraint con where con.conindid = i.indexrelid and con.contype in ('p', 'u', 'x'))"
                + " and not exists (select 1 from pg_inherits ih where ih.inhrelid = i.indexrelid)"
                + " order by ic.relname", r -> indexes.computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
                .add(new Index(r.getString(2), r.getString(3).replaceFirst(" ON ONLY ", " ON "))));
        return indexes;
    }

    private List<View> views(Map<Long, List<Index>> indexes) throws SQLException {
        Map<Long, List<String>> dependsOn = new LinkedHashMap<>();
        Map<Long, List<ColumnRef>> reads = new LinkedHashMap<>();
        query("select distinct rw.ev_class, dn.nspname, dc.relname, a.attname from pg_rewrite rw"
                + " join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = rw.oid and d.refclassid = 'pg_class'::regclass"
                + " join pg_class dc on dc.oid = d.refobjid and dc.oid <> rw.ev_class join pg_namespace dn on dn.oid = dc.relnamespace"
                + " left join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid and d.refobjsubid > 0"
                + " join pg_class c on c.oid = rw.ev_class join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('v', 'm') and" + IN_SCOPE
                + " order by 1, 2, 3, 4", r -> {
            List<String> relations = dependsOn.computeIfAbsent(r.getLong(1), k -> new ArrayList<>());
            String relation = Names.key(r.getString(2), r.getString(3));
            if (!relations.contains(relation)) {
                relations.add(relation);
            }
            if (r.getString(4) != null) {
                reads.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new ColumnRef(r.getString(2), r.getString(3), r.getString(4)));
            }
        });
        Map<Long, String> queries = new LinkedHashMap<>();
        query("select c.oid, pg_get_viewdef(c.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where c.relkind in ('v', 'm') and" + IN_SCOPE, r -> queries.put(r.getLong(1), r.getString(2)));
        List<View> views = new ArrayList<>();
        relations.forEach((oid, n) -> {
            if (n[2].equals("v") || n[2].equals("m")) {
                views.add(new View(n[0], n[1], n[2].equals("m"), queries.get(oid), dependsOn.getOrDefault(oid, List.of()),
                        reads.getOrDefault(oid, List.of()), indexes.getOrDefault(oid, List.of())));
            }
        });
        return views;
    }

    private List<Routine> routines() throws SQLException {
        List<Routine> routines = new ArrayList<>();
        // pg_get_functiondef cannot print aggregates: their CREATE AGGREGATE is assembled from pg_aggregate
        query("select n.nspname, quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.prokind,"
                + " case when p.prokind = 'a' then 'CREATE OR REPLACE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname)"
                + "   || '(' || pg_get_function_identity_arguments(p.oid) || ') (SFUNC = ' || a.aggtransfn::regproc::text"
                + "   || ', STYPE = ' || format_type(a.aggtranstype, null)"
                + "   || coalesce(', FINALFUNC = ' || nullif(a.aggfinalfn, 0)::regproc::text, '')"
                + "   || coalesce(', INITCOND = ' || quote_literal(a.agginitval), '') || ')'"
                + " else pg_get_functiondef(p.oid) end,"
                // a table's row type among its argument or result types: it can only be created once the table exists
                + " exists (select 1 from pg_depend d join pg_type t on t.oid = d.refobjid where d.classid = 'pg_proc'::regclass"
                + "   and d.objid = p.oid and d.refclassid = 'pg_type'::regclass and t.typrelid <> 0)"
                + " from pg_proc p join pg_namespace n on n.oid = p.pronamespace left join pg_aggregate a on a.aggfnoid = p.oid"
                + " where" + IN_SCOPE + notFromExtension("pg_proc", "p.oid") + " order by 1, 2",
                r -> routines.add(new Routine(r.getString(1), r.getString(2), switch (r.getString(3)) {
                    case "p" -> "procedure";
                    case "a" -> "aggregate";
                    default -> "function";
                }, r.getString(4), r.getBoolean(5))));
        return routines;
    }

    private List<Comment> comments() throws SQLException {
        List<Comment> comments = new ArrayList<>();
        query("""
                select case c.relkind when 'v' then 'VIEW ' when 'm' then 'MATERIALIZED VIEW ' when 'S' then 'SEQUENCE ' else 'TABLE ' end
                       || format('%I.%I', n.nspname, c.relname), d.description
                  from pg_description d join pg_class c on d.classoid = 'pg_class'::regclass and d.objoid = c.oid and d.objsubid = 0
                  join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p', 'v', 'm', 'S') and""" + IN_SCOPE + """
                 union all
                select 'COLUMN ' || format('%I.%I.%I', n.nspname, c.relname, a.attname), d.description
                  from pg_description d join pg_class c on d.classoid = 'pg_class'::regclass and d.objoid = c.oid
                  join pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid join pg_namespace n on n.oid = c.relnamespace
                 where d.objsubid > 0 and""" + IN_SCOPE + """
                 union all
                select case t.typtype when 'd' then 'DOMAIN ' else 'TYPE ' end || format('%I.%I', n.nspname, t.typname), d.description
                  from pg_description d join pg_type t on d.classoid = 'pg_type'::regclass and d.objoid = t.oid
                  join pg_namespace n on n.oid = t.typnamespace where""" + IN_SCOPE + """
                 union all
                select case p.prokind when 'p' then 'PROCEDURE ' when 'a' then 'AGGREGATE ' else 'FUNCTION ' end
                       || format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)), d.description
                  from pg_description d join pg_proc p on d.classoid = 'pg_proc'::regclass and d.objoid = p.oid
                  join pg_namespace n on n.oid = p.pronamespace where""" + IN_SCOPE + """
                 union all
                select 'SCHEMA ' || format('%I', n.nspname), d.description
                  from pg_description d join pg_namespace n on d.classoid = 'pg_namespace'::regclass and d.objoid = n.oid where""" + IN_SCOPE + """
                 order by 1""", 5, r -> comments.add(new Comment(r.getString(1), r.getString(2))));
        return comments;
    }

    /** Owners of what ALTER … OWNER TO can change; sequences that belong to a column follow their table. */
    private List<Ownership> owners() throws SQLException {
        List<Ownership> owners = new ArrayList<>();
        query("""
                select case c.relkind when 'v' then 'VIEW ' when 'm' then 'MATERIALIZED VIEW ' when 'S' then 'SEQUENCE ' else 'TABLE ' end
                       || format('%I.%I', n.nspname, c.relname), pg_get_userbyid(c.relowner)
                  from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where c.relkind in ('r', 'p', 'v', 'm', 'S') and""" + IN_SCOPE + notFromExtension("pg_class", "c.oid") + """
                   and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i'))
                 union all
                select 'SCHEMA ' || format('%I', n.nspname), pg_get_userbyid(n.nspowner) from pg_namespace n where""" + IN_SCOPE
                + notFromExtension("pg_namespace", "n.oid") + """
                 union all
                select case t.typtype when 'd' then 'DOMAIN ' else 'TYPE ' end || format('%I.%I', n.nspname, t.typname), pg_get_userbyid(t.typowner)
                  from pg_type t join pg_namespace n on n.oid = t.typnamespace where t.typtype in ('e', 'd') and""" + IN_SCOPE
                + notFromExtension("pg_type", "t.oid") + """
                 union all
                select case p.prokind when 'p' then 'PROCEDURE ' when 'a' then 'AGGREGATE ' else 'FUNCTION ' end
                       || format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)), pg_get_userbyid(p.proowner)
                  from pg_proc p join pg_namespace n on n.oid = p.pronamespace where""" + IN_SCOPE + notFromExtension("pg_proc", "p.oid") + """
                 order by 1""", 4, r -> owners.add(new Ownership(r.getString(1), r.getString(2))));
        return owners;
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static String kind(String contype) {
        return switch (contype) {
            case "p" -> "PRIMARY KEY";
            case "u" -> "UNIQUE";
            case "c" -> "CHECK";
            case "x" -> "EXCLUDE";
            default -> "FOREIGN KEY";
        };
    }

    private void query(String sql, Queries.RowHandler handler) throws SQLException {
        query(sql, 1, handler);
    }

    /** Runs {@code sql}, whose schema filter appears {@code scopes} times. */
    private void query(String sql, int scopes, Queries.RowHandler handler) throws SQLException {
        Queries.forEachRow(c, sql, Collections.nCopies(2 * scopes, schema), handler);
    }
}

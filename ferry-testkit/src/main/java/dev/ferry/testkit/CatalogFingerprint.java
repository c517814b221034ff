package dev.ferry.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL schema as sorted lines straight from the catalog's own pg_get_*def functions, by
 * name and never by position: a test oracle independent of Ferry's reader, for servers that the
 * pg_dump at hand cannot dump (Debian's 15 refuses 18).
 */
public final class CatalogFingerprint {
    private static final String USER = "n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')";
    private static final String SQL = """
            select 'schema ' || n.nspname from pg_namespace n where %1$s
            union all
            select 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' persistence=' || c.relpersistence::text
                   || ' rls=' || c.relrowsecurity || ' forced=' || c.relforcerowsecurity || ' ' || coalesce(pg_get_partkeydef(c.oid), '')
                   || ' ' || coalesce(pg_get_expr(c.relpartbound, c.oid), '') || ' ' || coalesce(pg_get_viewdef(c.oid), '')
              from pg_class c join pg_namespace n on n.oid = c.relnamespace where %1$s and c.relkind in ('r', 'p', 'v', 'm', 'S')
            union all
            select 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                   || ' notnull=' || a.attnotnull || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
                   || ' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text || ' collation=' || a.attcollation::regcollation::text
              from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
              left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
             where %1$s and c.relkind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped
            union all
            select 'constraint ' || n.nspname || '.' || coalesce(c.relname, t.typname) || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid)
              from pg_constraint con join pg_namespace n on n.oid = con.connamespace left join pg_class c on c.oid = con.conrelid
              left join pg_type t on t.oid = con.contypid where %1$s and con.contype <> 'n'
            union all
            select 'index ' || pg_get_indexdef(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid
              join pg_namespace n on n.oid = c.relnamespace where %1$s
            union all
            select 'trigger ' || pg_get_triggerdef(tg.oid) from pg_trigger tg join pg_class c on c.oid = tg.tgrelid
              join pg_namespace n on n.oid = c.relnamespace where %1$s and not tg.tgisinternal
            union all
            select 'routine ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '
                   || case when p.prokind = 'a' then '' else pg_get_functiondef(p.oid) end
              from pg_proc p join pg_namespace n on n.oid = p.pronamespace where %1$s
            union all
            select 'type ' || n.nspname || '.' || t.typname || ' ' || t.typtype::text || ' ' || format_type(t.typbasetype, t.typtypmod)
                   || ' ' || coalesce(t.typdefault, '') || ' ' || t.typnotnull
                   || ' ' || coalesce((select string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid), '')
              from pg_type t join pg_namespace n on n.oid = t.typnamespace where %1$s and t.typtype in ('e', 'd')
            union all
            select 'sequence ' || schemaname || '.' || sequencename || ' ' || data_type || ' ' || start_value || ' ' || increment_by
                   || ' ' || min_value || ' ' || max_value || ' ' || cache_size || ' ' || cycle
              from pg_sequences where schemaname not in ('pg_catalog', 'information_schema')
            union all
            select 'owned ' || d.objid::regclass || ' by ' || d.refobjid::regclass || '.' || d.refobjsubid
              from pg_depend d join pg_class c on c.oid = d.objid join pg_namespace n on n.oid = c.relnamespace
             where %1$s and d.classid = 'pg_class'::regclass and c.relkind = 'S' and d.deptype in ('a', 'i')
            union all
            select 'comment ' || d.classoid::regclass || ' ' || coalesce(c.relname, p.proname, t.typname, '') || ' ' || d.objsubid || ' ' || d.description
              from pg_description d left join pg_class c on d.classoid = 'pg_class'::regclass and c.oid = d.objoid
              left join pg_proc p on d.classoid = 'pg_proc'::regclass and p.oid = d.objoid
              left join pg_type t on d.classoid = 'pg_type'::regclass and t.oid = d.objoid
              join pg_namespace n on n.oid = coalesce(c.relnamespace, p.pronamespace, t.typnamespace)
             where %1$s
            union all
            select 'policy ' || schemaname || '.' || tablename || '.' || policyname || ' ' || permissive || ' ' || roles::text || ' ' || cmd
                   || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '')
              from pg_policies where schemaname not in ('pg_catalog', 'information_schema')
            union all
            select 'extension ' || extname from pg_extension
            order by 1
            """.formatted(USER);

    private CatalogFingerprint() {
    }

    public static List<String> of(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(SQL)) {
            while (r.next()) {
                lines.add(r.getString(1));
            }
        }
        return lines;
    }

    /** Lines only one side has, marked {@code -} (only in expected) or {@code +} (only in actual): empty when equal. */
    public static List<String> differences(List<String> actual, List<String> expected) {
        List<String> out = new ArrayList<>();
        expected.stream().filter(l -> !actual.contains(l)).forEach(l -> out.add("- " + l));
        actual.stream().filter(l -> !expected.contains(l)).forEach(l -> out.add("+ " + l));
        return out;
    }
}

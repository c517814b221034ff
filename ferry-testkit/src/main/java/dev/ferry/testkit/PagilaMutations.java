package dev.ferry.testkit;

import java.util.List;

/**
 * Hand-made changes to a copy of Pagila, one per kind of drift: what a repair script must undo.
 * Any subset can be applied together, in any order.
 */
public final class PagilaMutations {
    private PagilaMutations() {
    }

    /** A named change of one or more statements. */
    public record Mutation(String name, List<String> statements) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Mutation m(String name, String... statements) {
        return new Mutation(name, List.of(statements));
    }

    /** The mutations the issue names: column, index, default, foreign key, view, type, stray table, trigger, enum. */
    public static final List<Mutation> NAMED = List.of(
            m("drop column", "ALTER TABLE public.address DROP COLUMN address2"),
            m("drop index", "DROP INDEX public.idx_actor_last_name"),
            m("change default", "ALTER TABLE public.film ALTER COLUMN rental_duration SET DEFAULT 7"),
            m("drop foreign key", "ALTER TABLE public.inventory DROP CONSTRAINT inventory_film_id_fkey"),
            m("drop view", "DROP VIEW IF EXISTS public.sales_by_store"),
            m("change column type", "ALTER TABLE public.staff ALTER COLUMN username TYPE varchar(16)"),
            m("stray table", "CREATE TABLE public.stray (id integer PRIMARY KEY, note text)"),
            m("drop trigger", "DROP TRIGGER last_updated ON public.actor"),
            m("change enum", "ALTER TYPE public.mpaa_rating ADD VALUE 'X'"));

    /** More kinds, for the property test. */
    public static final List<Mutation> MORE = List.of(
            m("rename enum value", "ALTER TYPE public.mpaa_rating RENAME VALUE 'NC-17' TO 'NC17'"),
            m("add comment", "COMMENT ON TABLE public.actor IS 'who acts'"),
            m("drop function", "DROP FUNCTION public.last_day(timestamp with time zone)"),
            m("replace function", "CREATE OR REPLACE FUNCTION public.inventory_held_by_customer(p_inventory_id integer) RETURNS integer"
                    + " LANGUAGE sql AS $$ SELECT 0 $$"),
            m("sequence increment", "ALTER SEQUENCE public.actor_actor_id_seq INCREMENT BY 5"),
            m("drop domain check", "ALTER DOMAIN public.year DROP CONSTRAINT year_check"),
            m("drop materialized view", "DROP MATERIALIZED VIEW public.rental_by_category"),
            m("set not null", "ALTER TABLE public.address ALTER COLUMN postal_code SET NOT NULL"),
            m("drop not null", "ALTER TABLE public.film ALTER COLUMN title DROP NOT NULL"),
            m("index on partitioned table", "CREATE INDEX stray_payment_amount ON public.payment (amount)"),
            m("stray schema", "CREATE SCHEMA stray", "CREATE TABLE stray.t (id integer)"),
            m("stray enum", "CREATE TYPE public.stray_kind AS ENUM ('a', 'b')"),
            m("drop column under a view", "ALTER TABLE public.customer DROP COLUMN activebool CASCADE"),
            m("change type under views", "DROP VIEW IF EXISTS public.sales_by_store", "DROP VIEW IF EXISTS public.staff_list",
                    "ALTER TABLE public.staff ALTER COLUMN first_name TYPE varchar(100)"),
            m("sequence owner", "ALTER SEQUENCE public.store_store_id_seq OWNED BY public.store.store_id"),
            m("drop partition index", "DROP INDEX public.payment_uuid_key"));

    public static List<Mutation> all() {
        return java.util.stream.Stream.concat(NAMED.stream(), MORE.stream()).toList();
    }
}

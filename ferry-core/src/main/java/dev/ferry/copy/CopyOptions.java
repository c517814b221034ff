package dev.ferry.copy;

import java.util.List;

/**
 * What {@code ferry copy} is asked to do.
 *
 * @param tables     the tables to copy ("album" or "public.album"); empty for all
 * @param schemaOnly build the schema on the target, copy no rows
 * @param dataOnly   copy rows into tables the target already has (empty ones, unless {@code truncate})
 * @param truncate   with {@code dataOnly}: empty the target's tables first
 * @param resume     continue the target's unfinished copy from its checkpoints
 * @param verify     read the target's tables back and compare their checksums with the source's (across databases: count both sides)
 * @param snakeCase  from MariaDB/MySQL or SQLite into PostgreSQL: name tables and columns in snake_case (InvoiceLineId → invoice_line_id)
 */
public record CopyOptions(int jobs, List<String> tables, boolean schemaOnly, boolean dataOnly, boolean truncate, boolean resume, boolean verify,
                          boolean snakeCase) {
    public CopyOptions {
        jobs = Math.max(1, jobs);
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** Names kept as the source spells them. */
    public CopyOptions(int jobs, List<String> tables, boolean schemaOnly, boolean dataOnly, boolean truncate, boolean resume, boolean verify) {
        this(jobs, tables, schemaOnly, dataOnly, truncate, resume, verify, false);
    }

    public static CopyOptions defaults() {
        return new CopyOptions(2, List.of(), false, false, false, false, false, false);
    }
}

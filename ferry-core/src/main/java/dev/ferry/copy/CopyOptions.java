package dev.ferry.copy;

import java.nio.file.Path;
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
 * @param maxRejects rows a table may reject (constraint, type) before the copy stops; each is written to {@code rejectsDir/<table>.jsonl}
 * @param rejectsDir where rejected rows are written
 * @param finishedDir where a finished copy is recorded, so that a --resume after it ended finds it done
 */
public record CopyOptions(int jobs, List<String> tables, boolean schemaOnly, boolean dataOnly, boolean truncate, boolean resume, boolean verify,
                          boolean snakeCase, int maxRejects, Path rejectsDir, Path finishedDir) {
    public CopyOptions {
        jobs = Math.max(1, jobs);
        tables = tables == null ? List.of() : List.copyOf(tables);
        maxRejects = Math.max(0, maxRejects);
        rejectsDir = rejectsDir == null ? Path.of("rejects") : rejectsDir;
        finishedDir = finishedDir == null ? Path.of(".ferry", "copies") : finishedDir;
    }

    /** Finished copies recorded in .ferry/copies of the working directory. */
    public CopyOptions(int jobs, List<String> tables, boolean schemaOnly, boolean dataOnly, boolean truncate, boolean resume, boolean verify,
                       boolean snakeCase, int maxRejects, Path rejectsDir) {
        this(jobs, tables, schemaOnly, dataOnly, truncate, resume, verify, snakeCase, maxRejects, rejectsDir, null);
    }

    /** No row may be rejected: the first the target refuses stops the copy. */
    public CopyOptions(int jobs, List<String> tables, boolean schemaOnly, boolean dataOnly, boolean truncate, boolean resume, boolean verify,
                       boolean snakeCase) {
        this(jobs, tables, schemaOnly, dataOnly, truncate, resume, verify, snakeCase, 0, null);
    }

    /** Names kept as the source spells them. */
    public CopyOptions(int jobs, List<String> tables, boolean schemaOnly, boolean dataOnly, boolean truncate, boolean resume, boolean verify) {
        this(jobs, tables, schemaOnly, dataOnly, truncate, resume, verify, false);
    }

    public static CopyOptions defaults() {
        return new CopyOptions(2, List.of(), false, false, false, false, false, false);
    }
}

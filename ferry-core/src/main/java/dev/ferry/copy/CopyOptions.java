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
 * @param verify     read the target's tables back and compare their checksums with the source's
 */
public record CopyOptions(int jobs, List<String> tables, boolean schemaOnly, boolean dataOnly, boolean truncate, boolean resume, boolean verify) {
    public CopyOptions {
        jobs = Math.max(1, jobs);
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    public static CopyOptions defaults() {
        return new CopyOptions(2, List.of(), false, false, false, false, false);
    }
}

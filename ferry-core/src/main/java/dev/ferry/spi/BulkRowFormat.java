package dev.ferry.spi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Marks a dialect whose {@link BulkCopy#copyIn} can be fed rows that Ferry writes value by value,
 * for a copy from another database whose values Ferry has already turned into this database's text
 * (MariaDB: the tab-separated text {@code LOAD DATA} reads). The escaping is the dialect's; which
 * text each value becomes is the copy's.
 *
 * <pre>{@code
 * BulkRowFormat.Rows rows = dialect.require(BulkRowFormat.class, "load rows").rows(out);
 * rows.field("42".getBytes(UTF_8), false);
 * rows.field(null, true);          // NULL, and the end of the row
 * rows.flush();
 * }</pre>
 */
public interface BulkRowFormat {

    /** A writer of rows in the load format onto {@code out}. */
    Rows rows(OutputStream out);

    /** Rows, one field after another. */
    interface Rows {
        /** One field ({@code null}: SQL NULL), its bytes as the target reads them; {@code last} ends the row. */
        void field(byte[] value, boolean last) throws IOException;

        /** Writes out what is buffered. */
        void flush() throws IOException;
    }
}

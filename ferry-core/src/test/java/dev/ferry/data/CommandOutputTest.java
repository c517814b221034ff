package dev.ferry.data;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The JSON lines a .cmd migration prints become the context's calls; anything else is an error naming the line. */
class CommandOutputTest {
    /** A DataContext that writes down what it is told, for the protocol only (no session, no batches). */
    private static final class Told implements DataContext {
        final List<String> calls = new ArrayList<>();

        @Override
        public Connection connection() {
            throw new UnsupportedOperationException("the protocol needs no session");
        }

        @Override
        public boolean dryRun() {
            return false;
        }

        @Override
        public void batches(String query, int size, BatchHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void ranges(String table, String key, int size, BatchHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String resumeAfter() {
            return null;
        }

        @Override
        public void checkpoint(String key, long processed) {
            calls.add("checkpoint " + key + " " + processed);
        }

        @Override
        public void migrated(Object key) {
            migrated(key, null);
        }

        @Override
        public void migrated(Object key, String reason) {
            calls.add("migrated " + key + " " + key.getClass().getSimpleName() + (reason == null ? "" : " " + reason));
        }

        @Override
        public void skipped(Object key, String reason) {
            calls.add("skipped " + key + " " + reason);
        }

        @Override
        public void error(Object key, String reason) {
            calls.add("error " + key + " " + reason);
        }

        @Override
        public void migratedRows(long rows) {
            calls.add("rows " + rows);
        }

        @Override
        public void progress(long done, long total) {
            calls.add("progress " + done + "/" + total);
        }

        @Override
        public void note(String text) {
            calls.add("note " + text);
        }
    }

    private final Told told = new Told();
    private final CommandOutput output = new CommandOutput(told, text -> text.replace("hunter22", "***"));

    @Test
    void eachMessageIsTheContextsCallOfTheSameName() throws Exception {
        String[] lines = {
            "{\"record\":{\"key\":42,\"outcome\":\"migrated\"}}",
            "{\"record\":{\"key\":\"DE-7\",\"outcome\":\"skipped\",\"reason\":\"no bank details\"}}",
            "{\"record\":{\"key\":43,\"outcome\":\"error\",\"reason\":\"bad IBAN, password hunter22\"}}",
            "",
            "{\"checkpoint\":{\"key\":\"43\",\"processed\":3}}",
            "{\"checkpoint\":{\"key\":44,\"processed\":0}}",
            "{\"progress\":{\"done\":3,\"total\":10}}",
            "{\"note\":\"half done; hunter22\"}",
        };
        for (int i = 0; i < lines.length; i++) {
            output.apply(lines[i], i + 1);
        }
        assertThat(told.calls).containsExactly("migrated 42 Long", "skipped DE-7 no bank details", "error 43 bad IBAN, password ***", "checkpoint 43 3",
                "checkpoint 44 0", "progress 3/10", "note half done; ***");
    }

    private String failure(String line) {
        Exception e = catchThrowableOfType(CommandOutput.ProtocolError.class, () -> output.apply(line, 7));
        assertThat(e).as(line).isNotNull();
        assertThat(told.calls).as("nothing of a bad line is done").isEmpty();
        return e.getMessage();
    }

    @Test
    void aLineThatIsNotTheProtocolIsAnErrorNamingItsNumberAndText() {
        assertThat(failure("Connected to the database")).contains("line 7 of the command's stdout, 'Connected to the database', is not Ferry's protocol: it is not JSON (each line",
                "anything else goes to stderr");
        assertThat(failure("{\"note\":\"a\"} and more")).contains("it is not JSON");
        assertThat(failure("{\"record\":{\"key\":1,\"key\":2,\"outcome\":\"migrated\"}}")).contains("it is not JSON (Duplicate field 'key')");
        assertThat(failure("[1, 2]")).contains("not an object with one field");
        assertThat(failure("{\"note\":\"a\",\"progress\":{}}")).contains("not an object with one field");
        assertThat(failure("{\"log\":\"x\"}")).contains("'log' is not a message Ferry knows");
        assertThat(failure("{\"note\":5}")).contains("a note is a string");
        assertThat(failure("{\"record\":{\"key\":1,\"outcome\":\"done\"}}")).contains("outcome is migrated, skipped or error, not 'done'");
        assertThat(failure("{\"record\":{\"outcome\":\"migrated\"}}")).contains("a record needs a key");
        assertThat(failure("{\"record\":{\"key\":1,\"outcome\":\"migrated\",\"why\":\"x\"}}")).contains("a record has no field 'why'");
        assertThat(failure("{\"checkpoint\":{\"key\":\"9\"}}")).contains("processed is a whole number of rows");
        assertThat(failure("{\"checkpoint\":{\"key\":\"9\",\"processed\":-1}}")).contains("processed is a whole number of rows");
        assertThat(failure("{\"progress\":[1,2]}")).contains("a progress is an object");
        assertThat(failure("{\"nope\":\"hunter22\"} hunter22")).doesNotContain("hunter22");
    }

    @Test
    void aLongLineIsShownCut() {
        assertThat(failure("x".repeat(5000))).contains("x".repeat(200) + "…'").doesNotContain("x".repeat(201));
    }
}

package dev.ferry.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyLineIsJsonWhateverTheKeyAndReasonHold() throws Exception {
        Path file = dir.resolve("data/D1.jsonl");
        try (OutcomeLog log = OutcomeLog.open(file, 0)) {
            OutcomeLog.Lines lines = log.lines();
            lines.add(42L, "migrated", null);
            lines.add("a \"quoted\"\nkey é", "error", "a reason with \"quotes\", a \\ and a tab\t, ünïcödé");
            lines.add(7, "skipped", "empty");
            lines.add(8, "skipped", "empty");
            log.write(lines);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("key").asLong()).isEqualTo(42);
        assertThat(first.get("outcome").asText()).isEqualTo("migrated");
        assertThat(first.has("reason")).isFalse();
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("key").asText()).isEqualTo("a \"quoted\"\nkey é");
        assertThat(second.get("reason").asText()).isEqualTo("a reason with \"quotes\", a \\ and a tab\t, ünïcödé");
        assertThat(JSON.readTree(lines.get(3)).get("reason").asText()).isEqualTo("empty");
    }

    @Test
    void linesOfABatchThatNeverCommittedAreCutOffWhenTheLogOpensAgain() throws Exception {
        Path file = dir.resolve("D2.jsonl");
        long committed;
        try (OutcomeLog log = OutcomeLog.open(file, 0)) {
            OutcomeLog.Lines lines = log.lines();
            lines.add(1L, "migrated", null);
            committed = log.write(lines);
            lines.add(2L, "migrated", null);
            log.write(lines);
        }
        try (OutcomeLog log = OutcomeLog.open(file, committed)) {
            assertThat(log.length()).isEqualTo(committed);
            OutcomeLog.Lines lines = log.lines();
            lines.add(3L, "migrated", null);
            lines.discard();
            lines.add(2L, "skipped", "redone");
            log.write(lines);
        }
        assertThat(Files.readAllLines(file)).containsExactly("{\"key\":1,\"outcome\":\"migrated\"}",
                "{\"key\":2,\"outcome\":\"skipped\",\"reason\":\"redone\"}");
    }
}

package dev.ferry.migrate;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NonTransactionalWritesTest {
    private final NonTransactionalWrites writes = new NonTransactionalWrites(Map.of("log", "MyISAM", "hit counts", "Aria", "café", "MEMORY"));

    @Test
    void aTableNamedBareQuotedQualifiedOrInAnyCaseIsFound() {
        assertThat(writes.whyNotUndone("INSERT INTO log VALUES (1)")).isEqualTo("table `log` uses MyISAM, which cannot roll back");
        assertThat(writes.whyNotUndone("update `LOG` set a = 1")).contains("`log` uses MyISAM");
        assertThat(writes.whyNotUndone("DELETE FROM app.log WHERE id = 1")).contains("`log`");
        assertThat(writes.whyNotUndone("INSERT INTO t SELECT * FROM `hit counts`")).isEqualTo("table `hit counts` uses Aria, which cannot roll back");
        assertThat(writes.whyNotUndone("INSERT INTO t SELECT * FROM app.`HIT COUNTS`")).contains("`hit counts`");
        assertThat(writes.whyNotUndone("DELETE FROM CAFÉ")).contains("`café` uses MEMORY");
    }

    @Test
    void aLongerNameThatContainsTheTableNameIsNotIt() {
        assertThat(writes.whyNotUndone("INSERT INTO login VALUES (1)")).isNull();
        assertThat(writes.whyNotUndone("INSERT INTO audit_log VALUES (1)")).isNull();
        assertThat(writes.whyNotUndone("INSERT INTO log$old VALUES (1)")).isNull();
        assertThat(writes.whyNotUndone("INSERT INTO cafés VALUES (1)")).isNull();
        assertThat(writes.whyNotUndone("INSERT INTO `hit counts2` VALUES (1)")).isNull();
    }

    @Test
    void noTablesFindNothing() {
        assertThat(NonTransactionalWrites.NONE.whyNotUndone("INSERT INTO log VALUES (1)")).isNull();
    }
}

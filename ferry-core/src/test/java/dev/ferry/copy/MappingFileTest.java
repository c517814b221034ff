package dev.ferry.copy;

import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingFileTest {
    @TempDir
    Path dir;

    private MappingFile load(String yaml) throws IOException {
        Path file = dir.resolve("mapping.yaml");
        Files.writeString(file, yaml);
        return MappingFile.load(Path.of("mapping.yaml"), file);
    }

    @Test
    void readsTargetsWithTheirSourcesColumnsConditionsDefaultsAndDuplicates() throws Exception {
        MappingFile m = load("""
                unmapped: fail
                tables:
                  users:
                    from: users
                    columns: { id: id, email: "lower(email)" }
                    defaults: { name: "''" }
                    unique: [email]
                    onDuplicate: quarantine
                  students: { from: users, where: "role = 'STUDENT'", columns: { user_id: id } }
                  enrollments: { from: "select p.user_id, p.course_id from payments p", columns: { user_id: user_id, course_id: course_id } }
                """);
        assertThat(m.unmapped()).isEqualTo(MappingFile.Unmapped.FAIL);
        assertThat(m.keepSchema()).isNull();
        MappingFile kept = load("unmapped: keep-in-schema legacy\ntables:\n  users: { from: users, columns: { id: id } }\n");
        assertThat(kept.unmapped()).isEqualTo(MappingFile.Unmapped.KEEP_IN_SCHEMA);
        assertThat(kept.keepSchema()).isEqualTo("legacy");
        MappingFile block = load("tables:\n  e:\n    from: |\n      SELECT id\n        FROM payments\n    columns: { id: id }\n");
        assertThat(block.tables().get(0).fromQuery()).as("a query over several lines").isTrue();
        assertThat(m.tables()).extracting(MappingFile.Target::name).containsExactly("users", "students", "enrollments");
        MappingFile.Target users = m.tables().get(0);
        assertThat(users.filled()).containsExactly(java.util.Map.entry("id", "id"), java.util.Map.entry("email", "lower(email)"),
                java.util.Map.entry("name", "''"));
        assertThat(users.onDuplicate()).isEqualTo(MappingFile.OnDuplicate.QUARANTINE);
        assertThat(users.columnLines()).containsEntry("email", 5);
        assertThat(m.tables().get(1).where()).isEqualTo("role = 'STUDENT'");
        assertThat(m.tables().get(2).fromQuery()).isTrue();
        assertThat(m.tables().get(0).fromQuery()).isFalse();
    }

    @Test
    void mistakesNameTheFileLineAndColumn() {
        assertThatThrownBy(() -> load("tables:\n  users: { from: users, colums: { id: id } }\n"))
                .isInstanceOf(FerryException.class).hasMessageContaining("mapping.yaml line 2, column").hasMessageContaining("unknown key 'colums'");
        assertThatThrownBy(() -> load("tables:\n  users: { columns: { id: id } }\n"))
                .hasMessageContaining("line 2").hasMessageContaining("users needs from:");
        assertThatThrownBy(() -> load("tables:\n  users: { from: users, columns: { id: id }, onDuplicate: keep }\n"))
                .hasMessageContaining("onDuplicate: is fail, first or quarantine, not 'keep'");
        assertThatThrownBy(() -> load("tables:\n  users: { from: users, columns: { id: id }, unique: [email] }\n"))
                .hasMessageContaining("unique: names email, which users does not fill");
        assertThatThrownBy(() -> load("unmapped: sometimes\ntables:\n  users: { from: users, columns: { id: id } }\n"))
                .hasMessageContaining("line 1").hasMessageContaining("unmapped: is 'ignore', 'fail' or 'keep-in-schema SCHEMA'");
        assertThatThrownBy(() -> load("unmapped: keep-in-schema Legacy Tables\ntables:\n  users: { from: users, columns: { id: id } }\n"))
                .hasMessageContaining("line 1").hasMessageContaining("a lower-case schema name");
        assertThatThrownBy(() -> load("tables:\n  users: { from: users, columns: { id: id }\n"))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> load("tables:\n  users: { from: users, columns: { id: id, id: other } }\n"))
                .hasMessageContaining("is set twice");
    }

    @Test
    void theCommentedExampleReads() {
        Path example = Path.of("..", "examples", "mapping.yaml");
        MappingFile m = MappingFile.load(example, example);
        assertThat(m.tables()).extracting(MappingFile.Target::name).containsExactly("users", "students", "tutors", "enrollments");
        assertThat(m.tables().get(3).fromQuery()).isTrue();
        assertThat(m.tables().get(2).filled()).containsKey("verified");
    }
}

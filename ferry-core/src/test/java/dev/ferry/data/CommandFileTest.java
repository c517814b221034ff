package dev.ferry.data;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A .cmd file: one command line split as a shell splits quotes, comments, the batch size; plain errors naming the line. */
class CommandFileTest {
    private static final Path FILE = Path.of("migrations/data/D1__classify.cmd");

    private static FerryException failure(String text) {
        FerryException e = catchThrowableOfType(FerryException.class, () -> CommandFile.parse(FILE, text));
        assertThat(e).as("'%s' is refused", text).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
        return e;
    }

    @Test
    void oneCommandLineAmongCommentsIsSplitIntoWordsAsAShellWould() {
        CommandFile f = CommandFile.parse(FILE, "# classifies the accounts\n\n  node 'scripts/re hash.js' --label \"a \\\"b\\\" c\" x\\ y --n=3  # why\n");
        assertThat(f.words()).containsExactly("node", "scripts/re hash.js", "--label", "a \"b\" c", "x y", "--n=3");
        assertThat(f.line()).isEqualTo("node 'scripts/re hash.js' --label \"a \\\"b\\\" c\" x\\ y --n=3  # why");
        assertThat(f.batchSize()).isEqualTo(CommandFile.DEFAULT_BATCH_SIZE);
    }

    @Test
    void quotesKeepWhatAShellWouldActOn() {
        assertThat(CommandFile.parse(FILE, "python3 -c 'print(\"$HOME | *\")' ''\n").words()).containsExactly("python3", "-c", "print(\"$HOME | *\")", "");
    }

    @Test
    void theBatchDirectiveSetsTheSize() {
        assertThat(CommandFile.parse(FILE, "# ferry:batch size=500\nnode x.js\n").batchSize()).isEqualTo(500);
        assertThat(CommandFile.parse(FILE, "node x.js\n#ferry:batch   size=7\n").batchSize()).isEqualTo(7);
    }

    @Test
    void aFileWithoutACommandOrWithTwoIsRefused() {
        assertThat(failure("").getMessage()).contains("D1__classify.cmd holds no command line");
        assertThat(failure("# only a comment\n\n").getMessage()).contains("holds no command line");
        assertThat(failure("node a.js\n\nnode b.js\n").getMessage()).contains("line 3 is a second command line (the first is line 1)");
    }

    @Test
    void whatOnlyAShellWouldDoIsRefusedNamingTheColumn() {
        for (String line : List.of("node a.js | tee x", "node a.js && node b.js", "node a.js > out", "node $SCRIPT", "node \"$SCRIPT\"",
                "node `which x`", "node scripts/*.js", "node ~/x.js", "node a.js;")) {
            FerryException e = failure(line);
            assertThat(e.getMessage()).as(line).contains("line 1 column ", "no shell runs this command");
            assertThat(e.hint().orElseThrow()).contains("script");
        }
        assertThat(failure("node a.js | tee x").getMessage()).contains("column 11: '|'");
        assertThat(failure("node 'a.js").getMessage()).contains("column 6: the single quote here is never closed");
        assertThat(failure("node \"a.js").getMessage()).contains("the double quote here is never closed");
        assertThat(failure("node a.js \\").getMessage()).contains("ends in a backslash");
    }

    @Test
    void aBadDirectiveIsRefused() {
        assertThat(failure("# ferry:batch size=lots\nnode x.js").getMessage()).contains("line 1: size= should be a number of rows", "not lots");
        assertThat(failure("# ferry:batch size=0\nnode x.js").getMessage()).contains("not 0");
        assertThat(failure("# ferry:batch table=accounts key=id size=5\nnode x.js").getMessage()).contains("takes size=N only");
        assertThat(failure("# ferry:bacth size=5\nnode x.js").getMessage()).contains("ferry:bacth is not a directive Ferry knows");
    }
}

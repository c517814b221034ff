package dev.ferry.secrets;

import dev.ferry.connect.EnvFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EnvValuesTest {
    @TempDir
    Path dir;

    private String readBack(String encoded) throws Exception {
        return EnvFile.load(Files.writeString(dir.resolve(".env"), "K=" + encoded + "\n")).get("K");
    }

    @Test
    void everyWritableValueReadsBackUnchanged() throws Exception {
        List<String> values = List.of("plain-Token_1.2/3+4=", "", "with spaces", " lead", "trail ", "a#b", "a #b", "#a", "it's", "say \"hi\"",
                "it's \"both\"", "'", "\"", "$HOME ${X}", "C:\\new", "back\\slash", "line\nbreak", "\\\nafter backslash", "tab\tin",
                "ünï🔑", "=x=", "it's C:\\new \"q\"", "x # y z");
        for (String value : values) {
            Optional<String> encoded = EnvValues.encode(value);
            assertThat(encoded).as("[%s] can be written", value).isPresent();
            assertThat(readBack(encoded.get())).as("[%s] written as [%s]", value, encoded.get()).isEqualTo(value);
        }
        assertThat(EnvValues.encode("plain-Token_1")).contains("plain-Token_1");
        assertThat(EnvValues.encode("with spaces")).contains("'with spaces'");
    }

    @Test
    void aValueNoFormCarriesIsRefused() {
        assertThat(EnvValues.encode("carriage\rreturn")).isEmpty();
        assertThat(EnvValues.encode("line\nwith \"quote\"")).isEmpty();
        assertThat(EnvValues.encode(" it's \"both\" with spaces around ")).isEmpty();
        assertThat(EnvValues.encode("it's \"both\" # and a hash")).isEmpty();
    }
}

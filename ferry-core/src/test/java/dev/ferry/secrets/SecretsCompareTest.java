package dev.ferry.secrets;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.secrets.SecretsComparison.KeyComparison;
import dev.ferry.secrets.SecretsComparison.Side;
import dev.ferry.secrets.SecretsComparison.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SecretsCompareTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private Secrets secrets() {
        return new Secrets(dir.resolve(".ferry"));
    }

    @Test
    void eachKeyIsSameDifferentOrMissingInTheFileThatLacksIt() throws Exception {
        Path a = file("a.env", "SAME=s3cret-same\nDIFF=s3cret-one\nONLY_A=s3cret-a\n");
        Path b = file("b.env", "DIFF=s3cret-two\nSAME=s3cret-same\nONLY_B=s3cret-b\n");

        SecretsComparison c = secrets().compare(a, b, List.of("SAME", "DIFF", "ONLY_A", "ONLY_B", "NOWHERE"));

        assertThat(c.keys()).extracting(KeyComparison::key, KeyComparison::state, KeyComparison::missingIn).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SAME", State.SAME, null),
                org.assertj.core.groups.Tuple.tuple("DIFF", State.DIFFERENT, null),
                org.assertj.core.groups.Tuple.tuple("ONLY_A", State.MISSING, Side.B),
                org.assertj.core.groups.Tuple.tuple("ONLY_B", State.MISSING, Side.A),
                org.assertj.core.groups.Tuple.tuple("NOWHERE", State.MISSING, Side.BOTH));
        KeyComparison same = c.keys().get(0);
        KeyComparison diff = c.keys().get(1);
        assertThat(same.fingerprintA()).matches("[0-9a-f]{8}").isEqualTo(same.fingerprintB());
        assertThat(diff.fingerprintA()).matches("[0-9a-f]{8}").isNotEqualTo(diff.fingerprintB());
        assertThat(c.keys().get(2).fingerprintA()).isNotNull();
        assertThat(c.keys().get(2).fingerprintB()).isNull();
        assertThat(c.keys().get(4).fingerprintA()).isNull();
        assertThat(c.allSame()).isFalse();
        assertThat(c.count(State.MISSING)).isEqualTo(3);
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void withoutKeysEveryKeyOfEitherFileIsComparedInFileOrder() throws Exception {
        Path a = file("a.env", "B_KEY=1\nA_KEY=2\n");
        Path b = file("b.env", "C_KEY=3\nA_KEY=2\n");
        SecretsComparison c = secrets().compare(a, b, List.of());
        assertThat(c.keys()).extracting(KeyComparison::key).containsExactly("B_KEY", "A_KEY", "C_KEY");
        assertThat(secrets().compare(a, b, List.of(" A_KEY ", "A_KEY", "")).allSame()).as("names are trimmed and counted once").isTrue();
        assertThat(secrets().compare(a, b, List.of(" A_KEY ", "A_KEY")).keys()).hasSize(1);
    }

    @Test
    void fingerprintsStayTheSameUnderOneKeyFileAndDifferUnderAnother() throws Exception {
        Path a = file("a.env", "JWT_SECRET=hunter2\n");
        String first = secrets().compare(a, a, List.of()).keys().get(0).fingerprintA();
        String again = secrets().compare(a, a, List.of()).keys().get(0).fingerprintA();
        String elsewhere = new Secrets(dir.resolve("other-workspace/.ferry")).compare(a, a, List.of()).keys().get(0).fingerprintA();

        assertThat(again).isEqualTo(first);
        assertThat(elsewhere).isNotEqualTo(first);
        String plainSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("hunter2".getBytes(StandardCharsets.UTF_8)));
        assertThat(plainSha).as("keyed, so not guessable by hashing candidates").doesNotStartWith(first);
        Path key = dir.resolve(".ferry/fingerprint.key");
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(secrets().fingerprintKey()).isEqualTo(key);
        try (var files = Files.list(dir.resolve(".ferry"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary key file left").containsExactly("fingerprint.key");
        }
    }

    @Test
    void aKeyFileOfTheWrongSizeIsRefusedWithAHint() throws Exception {
        Files.createDirectories(dir.resolve(".ferry"));
        Files.writeString(dir.resolve(".ferry/fingerprint.key"), "short");
        Path a = file("a.env", "JWT_SECRET=hunter2\n");
        FerryException e = catchThrowableOfType(FerryException.class, () -> secrets().compare(a, a, List.of()));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
        assertThat(e.getMessage()).contains("fingerprint.key", "5 bytes, not 32");
        assertThat(e.hint().orElseThrow()).contains("delete it");
    }

    @Test
    void aMissingFileOrABadLineIsAUsageErrorThatNeverShowsAValue() throws Exception {
        Path a = file("a.env", "JWT_SECRET=hunter2-s3cret\n");
        FerryException missing = catchThrowableOfType(FerryException.class, () -> secrets().compare(a, dir.resolve("nope.env"), List.of()));
        assertThat(missing.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
        assertThat(missing.getMessage()).contains("nope.env does not exist");

        Path bad = file("bad.env", "OK=1\nNEXTAUTH_SECRET='unclosed-s3cret\n");
        FerryException malformed = catchThrowableOfType(FerryException.class, () -> secrets().compare(a, bad, List.of()));
        assertThat(malformed.exitCode().code()).isEqualTo(2);
        assertThat(malformed.getMessage()).contains("bad.env line 2, column 17").doesNotContain("s3cret");
    }
}

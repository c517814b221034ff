package dev.ferry.secrets;

import dev.ferry.connect.EnvFile;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.secrets.SecretsCopy.Action;
import dev.ferry.secrets.SecretsCopy.KeyCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

class SecretsCopyTest {
    private static final List<String> KEYS = List.of("NEXTAUTH_SECRET", "JWT_SECRET");

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, content);
    }

    private Secrets secrets() {
        return new Secrets(dir.resolve(".ferry"));
    }

    private List<String> names(String glob) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> dir.getFileSystem().getPathMatcher("glob:" + glob).matches(Path.of(n))).toList();
        }
    }

    @Test
    void replacesInPlaceAppendsWhatIsMissingAndKeepsEveryOtherLine() throws Exception {
        Path from = file("old/.env", "JWT_SECRET=old-server-jwt\nNEXTAUTH_SECRET=old-server-auth\nDATABASE_URL=postgres://old\n");
        Path to = file(".env", """
                # app settings
                DATABASE_URL=postgres://new   # the new server

                export JWT_SECRET = new-server-jwt # rotated in March
                PORT=3000
                """);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r-----"));
        byte[] before = Files.readAllBytes(to);

        SecretsCopy result = secrets().copy(from, to, KEYS);

        assertThat(Files.readString(to)).isEqualTo("""
                # app settings
                DATABASE_URL=postgres://new   # the new server

                export JWT_SECRET = old-server-jwt # rotated in March
                PORT=3000
                NEXTAUTH_SECRET=old-server-auth
                """);
        assertThat(result.keys()).extracting(KeyCopy::key, KeyCopy::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("NEXTAUTH_SECRET", Action.APPENDED),
                org.assertj.core.groups.Tuple.tuple("JWT_SECRET", Action.REPLACED));
        assertThat(result.keys()).allSatisfy(k -> assertThat(k.fingerprint()).matches("[0-9a-f]{8}"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(to))).isEqualTo("rw-r-----");
        assertThat(result.created()).isFalse();
        assertThat(result.changed()).isTrue();

        Path backup = Path.of(result.backup());
        assertThat(backup.getParent()).isEqualTo(dir);
        assertThat(backup.getFileName().toString()).matches("\\.env\\.ferry-backup-\\d{8}T\\d{9}Z");
        assertThat(Files.readAllBytes(backup)).isEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-r-----");
        assertThat(names("*.ferry-part")).as("no temporary file left").isEmpty();
        assertThat(result.toString()).doesNotContain("old-server", "new-server");
    }

    @Test
    void aSecondCopyFindsEverythingTheSameAndWritesNothing() throws Exception {
        Path from = file("old/.env", "JWT_SECRET=a\nNEXTAUTH_SECRET=b\n");
        Path to = file(".env", "NEXTAUTH_SECRET=x\n");
        assertThat(secrets().copy(from, to, KEYS).changed()).isTrue();
        Object inode = Files.readAttributes(to, PosixFileAttributes.class).fileKey();
        List<String> backups = names(".env.ferry-backup-*");

        SecretsCopy again = secrets().copy(from, to, KEYS);

        assertThat(again.keys()).extracting(KeyCopy::action).containsOnly(Action.ALREADY_SAME);
        assertThat(again.changed()).isFalse();
        assertThat(again.backup()).isNull();
        assertThat(names(".env.ferry-backup-*")).isEqualTo(backups).hasSize(1);
        assertThat(Files.readAttributes(to, PosixFileAttributes.class).fileKey()).as("the file was not replaced").isEqualTo(inode);
    }

    @Test
    void aKeyTheSourceLacksIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path from = file("old/.env", "JWT_SECRET=s3cret-jwt-value\n");
        Path to = file(".env", "JWT_SECRET=other-s3cret\n");
        byte[] before = Files.readAllBytes(to);

        FerryException e = catchThrowableOfType(FerryException.class, () -> secrets().copy(from, to, KEYS));

        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
        assertThat(e.getMessage()).contains("does not set NEXTAUTH_SECRET", "nothing was written").doesNotContain("s3cret", "JWT_SECRET");
        assertThat(e.hint().orElseThrow()).doesNotContain("s3cret");
        assertThat(Files.readAllBytes(to)).isEqualTo(before);
        assertThat(names(".env*")).containsExactly(".env");
    }

    @Test
    void noKeysIsRefusedSinceEverythingWouldCarryTheOldDatabaseUrl() throws Exception {
        Path from = file("old/.env", "DATABASE_URL=postgres://old\n");
        FerryException e = catchThrowableOfType(FerryException.class, () -> secrets().copy(from, dir.resolve(".env"), List.of()));
        assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(Files.exists(dir.resolve(".env"))).isFalse();
    }

    @Test
    void aTargetThatDoesNotExistIsCreatedOwnerOnly() throws Exception {
        Path from = file("old/.env", "JWT_SECRET=a\nNEXTAUTH_SECRET=b\n");
        Path to = dir.resolve("new.env");
        SecretsCopy result = secrets().copy(from, to, KEYS);
        assertThat(result.created()).isTrue();
        assertThat(result.backup()).isNull();
        assertThat(Files.readString(to)).isEqualTo("NEXTAUTH_SECRET=b\nJWT_SECRET=a\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(to))).isEqualTo("rw-------");
        assertThat(catchThrowableOfType(FerryException.class, () -> secrets().copy(from, dir.resolve("no/such/dir/.env"), KEYS)).getMessage())
                .contains("does not exist");
    }

    @Test
    void awkwardValuesReadBackExactlyAsTheSourceHoldsThem() throws Exception {
        Path from = file("old/.env", """
                SPACES='with spaces'
                HASH="hash # inside"
                PADDED='  padded  '
                APOSTROPHE="it's"
                DQUOTE='say "hi"'
                BOTH=it's "both"
                DOLLAR='$HOME and ${VAR}'
                BACKSLASH_N='C:\\new\\dir'
                MULTI="line one\\nline two"
                MULTI_APOSTROPHE="it's\\nthere"
                UNICODE=ünïcødé-🔑
                EQUALS==starts=with=equals
                EMPTY=
                LEADING_HASH=#not-a-comment
                TAB='a\tb'
                BOTH_AND_BACKSLASH=it's "x" C:\\new
                """);
        Map<String, String> source = EnvFile.load(from);
        assertThat(source).containsEntry("BACKSLASH_N", "C:\\new\\dir").containsEntry("MULTI", "line one\nline two")
                .containsEntry("TAB", "a\tb").containsEntry("BOTH", "it's \"both\"").containsEntry("PADDED", "  padded  ");
        List<String> keys = new ArrayList<>(source.keySet());
        Path to = file(".env", "# target\nSPACES=old # keep this note\nEMPTY=was-set\nHASH='old'\n");

        secrets().copy(from, to, keys);

        Map<String, String> copied = EnvFile.load(to);
        for (String key : keys) {
            assertThat(copied.get(key)).as(key).isEqualTo(source.get(key));
        }
        assertThat(Files.readString(to)).startsWith("# target\nSPACES='with spaces' # keep this note\nEMPTY=''\nHASH='hash # inside'\n");
    }

    @Test
    void everyLineThatSetsTheKeyGetsTheValueAndCrlfAndTheByteOrderMarkStay() throws Exception {
        Path from = file("old/.env", "JWT_SECRET=right\nNEXTAUTH_SECRET=auth\n");
        Path to = dir.resolve(".env");
        Files.write(to, "\uFEFFJWT_SECRET=wrong1\r\n#note\r\nJWT_SECRET=wrong2".getBytes(StandardCharsets.UTF_8));

        secrets().copy(from, to, KEYS);

        assertThat(new String(Files.readAllBytes(to), StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFJWT_SECRET=right\r\n#note\r\nJWT_SECRET=right\r\nNEXTAUTH_SECRET=auth\r\n");
    }

    @Test
    void aLinkedTargetStaysALinkAndTheFileItPointsToIsReplaced() throws Exception {
        Path from = file("old/.env", "JWT_SECRET=right\nNEXTAUTH_SECRET=auth\n");
        Path shared = file("shared/.env", "JWT_SECRET=wrong\n");
        Path link = Files.createSymbolicLink(dir.resolve(".env"), Path.of("shared/.env"));

        SecretsCopy result = secrets().copy(from, link, KEYS);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(EnvFile.load(shared)).containsEntry("JWT_SECRET", "right").containsEntry("NEXTAUTH_SECRET", "auth");
        assertThat(Path.of(result.backup()).getParent()).isEqualTo(shared.getParent().toRealPath());
    }

    /** A reader that opens the file while copies replace it sees the old content or the new, never a mix or an empty file. */
    @Test
    void readersSeeTheOldFileOrTheNewOneNeverAPart() throws Exception {
        String padding = "# " + "x".repeat(64 * 1024) + "\n";
        Path one = file("one.env", "JWT_SECRET=one\nNEXTAUTH_SECRET=one\n");
        Path two = file("two.env", "JWT_SECRET=two\nNEXTAUTH_SECRET=two\n");
        Path to = file(".env", padding + "JWT_SECRET=one\nNEXTAUTH_SECRET=one\n");
        String withOne = Files.readString(to);
        String withTwo = withOne.replace("=one", "=two");
        AtomicBoolean done = new AtomicBoolean();
        List<String> seen = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    String text = Files.readString(to);
                    if (!text.equals(withOne) && !text.equals(withTwo)) {
                        seen.add(text.length() + " characters");
                    }
                } catch (java.io.IOException e) {
                    seen.add(e.toString());
                }
            }
        });
        reader.start();
        Secrets secrets = secrets();
        for (int i = 0; i < 100; i++) {
            secrets.copy(i % 2 == 0 ? two : one, to, KEYS);
        }
        done.set(true);
        reader.join();
        assertThat(seen).as("partial or missing files seen by the reader").isEmpty();
        assertThat(Files.readString(to)).isEqualTo(withOne);
        assertThat(names(".env.ferry-backup-*")).hasSize(100);
    }

    @Test
    void theOwnerAndGroupOfTheTargetAreKept() throws Exception {
        assumeThat(System.getProperty("user.name")).as("only root can give a file to another user").isEqualTo("root");
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Path from = file("old/.env", "JWT_SECRET=right\nNEXTAUTH_SECRET=auth\n");
        Path to = file(".env", "JWT_SECRET=wrong\n");
        Files.setOwner(to, users.lookupPrincipalByName("nobody"));
        Files.getFileAttributeView(to, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(users.lookupPrincipalByGroupName("nogroup"));

        secrets().copy(from, to, KEYS);

        PosixFileAttributes after = Files.readAttributes(to, PosixFileAttributes.class);
        assertThat(after.owner().getName()).isEqualTo("nobody");
        assertThat(after.group().getName()).isEqualTo("nogroup");
    }
}

package dev.ferry.migrate;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MigrationFilesTest {
    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    @Test
    void versionsCompareAsNumbersPartByPart() {
        List<String> sorted = List.of("1.10", "1", "2024.01.05", "1.9", "1_2", "1.0.1").stream()
                .map(MigrationVersion::parse).sorted().map(Object::toString).toList();
        assertThat(sorted).containsExactly("1", "1.0.1", "1.2", "1.9", "1.10", "2024.01.05");
        assertThat(MigrationVersion.parse("1.0")).isEqualTo(MigrationVersion.parse("1"));
        assertThat(catchThrowableOfType(FerryException.class, () -> MigrationVersion.parse("1.x")).getMessage()).contains("not a migration version");
    }

    @Test
    void checksumsIgnoreLineEndingsAndAByteOrderMark() {
        assertThat(Checksums.of("a;\r\nb;\r\n")).isEqualTo(Checksums.of("a;\nb;\n")).isEqualTo(Checksums.of("\uFEFFa;\rb;\r"))
                .hasSize(64).isNotEqualTo(Checksums.of("a;\nb; \n"));
    }

    @Test
    void flywayChecksumIsCrc32OfTheLinesWithoutEndings() {
        // CRC-32 of "ab" (lines "a" and "b" fed one after the other), as a signed int.
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("ab".getBytes());
        assertThat(FlywayHistory.checksum("a\r\nb\n")).isEqualTo((int) crc.getValue()).isEqualTo(FlywayHistory.checksum("a\nb"));
    }

    @Test
    void readsFlywayAndPrismaNamesAndIgnoresOtherFiles() throws IOException {
        write("V1__create_users.sql", "CREATE TABLE users (id INT);");
        write("V1.1__add_email.sql", "ALTER TABLE users ADD email TEXT;");
        write("nested/V2_1__in_a_folder.sql", "SELECT 1;");
        write("U1__create_users.sql", "DROP TABLE users;");
        write("R__views.sql", "SELECT 1;");
        write("20240101120000_init/migration.sql", "SELECT 2;");
        write("README.md", "# notes");
        write("migration_lock.toml", "provider = \"postgresql\"");
        MigrationSet set = MigrationScanner.scanDirectory(dir);
        assertThat(set.versioned()).extracting(f -> f.version() + " " + f.description() + " " + f.script()).containsExactly(
                "1 create users V1__create_users.sql", "1.1 add email V1.1__add_email.sql", "2.1 in a folder nested/V2_1__in_a_folder.sql",
                "20240101120000 init 20240101120000_init/migration.sql");
        assertThat(set.undoFor(MigrationVersion.parse("1"))).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(MigrationKind.UNDO));
        assertThat(set.repeatable()).extracting(MigrationFile::description).containsExactly("views");
    }

    @Test
    void aMisnamedMigrationOrADuplicateVersionIsAnError() throws IOException {
        write("V1_single_underscore.sql", "SELECT 1;");
        FerryException misnamed = catchThrowableOfType(FerryException.class, () -> MigrationScanner.scanDirectory(dir));
        assertThat(misnamed.code()).isEqualTo(ErrorCode.CONFIG);
        assertThat(misnamed.getMessage()).contains("V1_single_underscore.sql");
        Files.delete(dir.resolve("V1_single_underscore.sql"));
        write("V1__a.sql", "SELECT 1;");
        write("V1.0__b.sql", "SELECT 2;");
        assertThat(catchThrowableOfType(FerryException.class, () -> MigrationScanner.scanDirectory(dir)).getMessage())
                .contains("same version", "V1__a.sql", "V1.0__b.sql");
    }

    @Test
    void theNoTransactionMarkerIsALineOfItsOwn() {
        assertThat(new MigrationFile(MigrationKind.VERSIONED, MigrationVersion.parse("1"), "x", "V1__x.sql", "c", "-- ferry:no-transaction\nVACUUM;").markedNoTransaction()).isTrue();
        assertThat(new MigrationFile(MigrationKind.VERSIONED, MigrationVersion.parse("1"), "x", "V1__x.sql", "c", "SELECT '-- ferry:no-transaction';").markedNoTransaction()).isFalse();
    }

    @Test
    void anyFileThatLooksLikeAMigrationButDoesNotParseIsAnErrorNamingTheExpectedForm() throws IOException {
        for (String name : List.of("v3__lower.sql", "V5__h.SQL", "Vabc__m.sql", "V-1__n.sql", "V4_g.sql", "r__views.sql", "U2__x.Sql")) {
            Path bad = dir.resolve(name);
            Files.writeString(bad, "SELECT 1;");
            FerryException e = catchThrowableOfType(FerryException.class, () -> MigrationScanner.scanDirectory(dir));
            assertThat(e).as(name).isNotNull();
            assertThat(e.exitCode().code()).isEqualTo(2);
            assertThat(e.getMessage()).contains(name);
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("V<version>__<description>.sql"));
            Files.delete(bad);
        }
        write("views.sql", "SELECT 1;");
        write("seed__data.sql", "SELECT 1;");
        write("V1__ok.sql", "SELECT 1;");
        assertThat(MigrationScanner.scanDirectory(dir).versioned()).hasSize(1);
    }

    @Test
    void aByteOrderMarkIsStrippedAndDoesNotChangeTheChecksum() throws IOException {
        Files.write(dir.resolve("V1__bom.sql"), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "SELECT 1;\n".getBytes(StandardCharsets.UTF_8)));
        MigrationFile f = MigrationScanner.scanDirectory(dir).versioned().get(0);
        assertThat(f.sql()).isEqualTo("SELECT 1;\n");
        assertThat(f.checksum()).isEqualTo(Checksums.of("SELECT 1;\n"));
    }

    @Test
    void aFileThatIsNotUtf8IsAUsageErrorNamingTheFileAndTheFirstBadByte() throws IOException {
        Files.write(dir.resolve("V1__latin1.sql"), concat("SELECT 1;\nSELECT '".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE9, '\'', ';'}));
        FerryException e = catchThrowableOfType(FerryException.class, () -> MigrationScanner.scanDirectory(dir));
        assertThat(e).isNotNull();
        assertThat(e.exitCode().code()).isEqualTo(2);
        assertThat(e.getMessage()).contains("V1__latin1.sql", "not UTF-8", "offset 18", "line 2");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void prismaFoldersOfAnyNumberedNameAreReadInPrismasOrder() throws IOException {
        write("01_init/migration.sql", "CREATE TABLE a (id INT);");
        write("02_add_x/migration.sql", "CREATE TABLE b (id INT);");
        write("10_later/migration.sql", "CREATE TABLE c (id INT);");
        write("migration_lock.toml", "provider = \"postgresql\"");
        assertThat(MigrationScanner.scanDirectory(dir).versioned()).extracting(f -> f.version() + " " + f.description() + " " + f.script())
                .containsExactly("01 init 01_init/migration.sql", "02 add x 02_add_x/migration.sql", "10 later 10_later/migration.sql");
    }

    @Test
    void prismaFoldersWhoseNumbersDisagreeWithPrismasOrderAreAnError() throws IOException {
        write("1_init/migration.sql", "SELECT 1;");
        write("2_add/migration.sql", "SELECT 1;");
        write("10_more/migration.sql", "SELECT 1;");
        FerryException e = catchThrowableOfType(FerryException.class, () -> MigrationScanner.scanDirectory(dir));
        assertThat(e.exitCode().code()).isEqualTo(2);
        assertThat(e.getMessage()).contains("so 10_more comes before 1_init", "lexicographic");
    }

    @Test
    void aDirectoryWhereNothingIsRecognisedButSqlOrFoldersArePresentIsAnError() throws IOException {
        write("old/seed.sql", "SELECT 1;");
        write("schema.sql", "SELECT 1;");
        FerryException e = catchThrowableOfType(FerryException.class, () -> MigrationScanner.scanDirectory(dir));
        assertThat(e).isNotNull();
        assertThat(e.exitCode().code()).isEqualTo(2);
        assertThat(e.getMessage()).contains("2 .sql files (old/seed.sql, schema.sql)", "1 folder (old)");
    }

    @Test
    void aPrismaFolderWithoutANumberIsAnError() throws IOException {
        write("init/migration.sql", "SELECT 1;");
        FerryException e = catchThrowableOfType(FerryException.class, () -> MigrationScanner.scanDirectory(dir));
        assertThat(e.exitCode().code()).isEqualTo(2);
        assertThat(e.getMessage()).contains("init/migration.sql", "does not start with a number");
    }

    @Test
    void anEmptyDirectoryIsFine() throws IOException {
        write("README.md", "# later");
        assertThat(MigrationScanner.scanDirectory(dir).all()).isEmpty();
    }

    @Test
    void aFileGivenAsTheDirectoryIsSaidToBeAFile() throws IOException {
        write("V1__a.sql", "SELECT 1;");
        FerryException e = catchThrowableOfType(FerryException.class, () -> MigrationScanner.scanDirectory(dir.resolve("V1__a.sql")));
        assertThat(e.exitCode().code()).isEqualTo(2);
        assertThat(e.getMessage()).contains("is a file, not a directory").doesNotContain("does not exist");
    }
}

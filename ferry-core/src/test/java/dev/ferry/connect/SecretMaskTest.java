package dev.ferry.connect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets are masked where they stand as secrets; ordinary words that happen to be a password are not. */
class SecretMaskTest {

    private static SecretMask maskOf(String... secrets) {
        SecretMask mask = new SecretMask();
        for (String s : secrets) {
            mask.add(s);
        }
        return mask;
    }

    @Test
    void aCommonWordPasswordLeavesSqlAndSchemaNamesAlone() {
        SecretMask mask = maskOf("public", "select", "postgres");
        assertThat(mask.apply("CREATE TABLE \"public\".\"prodwrite\" (id int);\n")).isEqualTo("CREATE TABLE \"public\".\"prodwrite\" (id int);\n");
        assertThat(mask.apply("select count(*) from public.users")).isEqualTo("select count(*) from public.users");
        assertThat(mask.apply("PostgreSQL 15 · database postgres")).isEqualTo("PostgreSQL 15 · database postgres");
    }

    @Test
    void aCommonWordPasswordIsStillMaskedInEverySecretPosition() {
        SecretMask mask = maskOf("postgres", "public");
        assertThat(mask.apply("postgres://postgres:postgres@localhost:5432/postgres"))
                .isEqualTo("postgres://postgres:***@localhost:5432/postgres");
        assertThat(mask.apply("jdbc:postgresql://db/shop?user=app&password=public&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/shop?user=app&password=***&ssl=true");
        assertThat(mask.apply("host=db user=app password=public dbname=shop")).isEqualTo("host=db user=app password=*** dbname=shop");
        assertThat(mask.apply("PGPASSWORD=public\nexport JWT_SECRET=postgres\n")).isEqualTo("PGPASSWORD=***\nexport JWT_SECRET=***\n");
        assertThat(mask.apply("{\"password\":\"public\",\"user\":\"app\"}")).isEqualTo("{\"password\":\"***\",\"user\":\"app\"}");
    }

    @Test
    void aLongRandomLookingSecretIsMaskedWhereverADriverQuotesIt() {
        SecretMask mask = maskOf("Zq9vX2kLm4pR", "abcd", "hunter2");
        assertThat(mask.apply("FATAL: role \"Zq9vX2kLm4pR\" does not exist")).isEqualTo("FATAL: role \"***\" does not exist");
        assertThat(mask.apply("keys abcd and hunter2 in a sentence")).isEqualTo("keys abcd and hunter2 in a sentence");
    }

    @Test
    void sqlThatAssignsAPasswordColumnIsNotAltered() {
        SecretMask mask = maskOf("public");
        assertThat(mask.apply("UPDATE users SET password = 'x', token = $1;")).isEqualTo("UPDATE users SET password = 'x', token = $1;");
        assertThat(mask.apply("ALTER TABLE users ADD COLUMN password_hash text;")).isEqualTo("ALTER TABLE users ADD COLUMN password_hash text;");
    }

    @Test
    void decidesWhichSecretsAreMaskedEverywhere() {
        assertThat(SecretMask.maskedEverywhere("Cn4f7a0e2b")).isTrue();
        assertThat(SecretMask.maskedEverywhere("s3cr3t-pw!")).isTrue();
        assertThat(SecretMask.maskedEverywhere("postgres")).isFalse();
        assertThat(SecretMask.maskedEverywhere("PASSWORD1")).isFalse();
        assertThat(SecretMask.maskedEverywhere("Postgres15")).isFalse();
        assertThat(SecretMask.maskedEverywhere("prod_write")).isFalse();
        assertThat(SecretMask.maskedEverywhere("x9Y2")).isFalse();
    }
}

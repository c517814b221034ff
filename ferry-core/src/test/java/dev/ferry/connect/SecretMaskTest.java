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
    void anyOtherSecretIsMaskedWhereverADriverQuotesIt() {
        SecretMask mask = maskOf("Zq9vX2kLm4pR", "hunter2", "correcthorsebatterystaple", "abc");
        assertThat(mask.apply("FATAL: role \"Zq9vX2kLm4pR\" does not exist")).isEqualTo("FATAL: role \"***\" does not exist");
        assertThat(mask.apply("ERROR: syntax error at or near \"hunter2\"")).isEqualTo("ERROR: syntax error at or near \"***\"");
        assertThat(mask.apply("the passphrase correcthorsebatterystaple")).isEqualTo("the passphrase ***");
        assertThat(mask.apply("abc is too short to mask in prose")).isEqualTo("abc is too short to mask in prose");
    }

    /** Secret positions as users write them: quoted values, YAML keys, shell exports, *_PASS keys, JSON numbers. */
    @Test
    void secretPositionsCoverQuotesYamlAndShortKeyNames() {
        SecretMask mask = maskOf();
        assertThat(mask.apply("PGPASSWORD=\"pw\" psql")).isEqualTo("PGPASSWORD=\"***\" psql");
        assertThat(mask.apply("host=db password='pw' dbname=shop")).isEqualTo("host=db password='***' dbname=shop");
        assertThat(mask.apply("url: x\npassword: pw\n  db_password: \"pw\"\n")).isEqualTo("url: x\npassword: ***\n  db_password: \"***\"\n");
        assertThat(mask.apply("export DB_PASS=pw\npass=pw")).isEqualTo("export DB_PASS=***\npass=***");
        assertThat(mask.apply("{\"password\": 12345678, \"bypass\": 1}")).isEqualTo("{\"password\": \"***\", \"bypass\": 1}");
        assertThat(mask.apply("compass=north bypass=1")).isEqualTo("compass=north bypass=1");
    }

    /** A secret is masked as a whole token only: inside a longer number or word it is something else, and masking would corrupt it. */
    @Test
    void aSecretIsMaskedAsAWholeTokenOnly() {
        SecretMask mask = maskOf("kx9q-Zt", "1234");
        assertThat(mask.apply("near \"kx9q-Zt\" and kx9q-Zt2")).isEqualTo("near \"***\" and kx9q-Zt2");
        assertThat(mask.apply("{\"rows\" : 12345, \"n\": 1234}")).isEqualTo("{\"rows\" : 12345, \"n\": 1234}");
    }

    /** The password a failing CREATE ROLE or ALTER USER sets is a secret position too, whatever the word. */
    @Test
    void theLiteralOfSqlThatSetsAPasswordIsMasked() {
        SecretMask mask = maskOf();
        assertThat(mask.apply("  CREATE ROLE ferry_app LOGIN PASSWORD 'welcome' VALID UNTIL 'never'"))
                .isEqualTo("  CREATE ROLE ferry_app LOGIN PASSWORD '***' VALID UNTIL 'never'");
        assertThat(mask.apply("ALTER USER 'app'@'%' IDENTIFIED BY 'it''s'; SET PASSWORD = PASSWORD('pw')"))
                .isEqualTo("ALTER USER 'app'@'%' IDENTIFIED BY '***'; SET PASSWORD = PASSWORD('***')");
        assertThat(mask.apply("ALTER TABLE users ADD COLUMN password text")).isEqualTo("ALTER TABLE users ADD COLUMN password text");
    }

    /** The cheap test that lets most lines skip the patterns must not skip a line that has a secret position. */
    @Test
    void linesWithoutAUrlOrASecretKeyWordSkipThePatterns() {
        assertThat(Redaction.mayHoldSecretPosition("1        create t 1   applied  2026-11-29 06:22:23  0 ms")).isFalse();
        for (String line : new String[] {"x postgres://u:p@h/db", "PGPASSWORD=x", "pwd=x", "JWT_SECRET=x", "api_token=x", "credentials: x",
                "API_KEY=x", "\"Pass\": 1"}) {
            assertThat(Redaction.mayHoldSecretPosition(line)).as(line).isTrue();
        }
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
        assertThat(SecretMask.maskedEverywhere("public")).isFalse();
        assertThat(SecretMask.maskedEverywhere("select")).isFalse();
        assertThat(SecretMask.maskedEverywhere("abc")).isFalse();
        assertThat(SecretMask.maskedEverywhere("prod_write")).isTrue();
        assertThat(SecretMask.maskedEverywhere("x9Y2")).as("short").isFalse();
        assertThat(SecretMask.maskedEverywhere("123456")).as("digits only").isFalse();
        assertThat(SecretMask.maskedEverywhere("hunter2")).isTrue();
    }
}

package dev.ferry.connect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @Test
    void masksPasswordsOfUrlsInsideAnyText() {
        assertThat(Redaction.redactUrls("could not reach postgres://app:hunter22@db:5432/shop, retrying"))
                .isEqualTo("could not reach postgres://app:***@db:5432/shop, retrying");
        assertThat(Redaction.redactUrls("jdbc:mysql://db/shop?user=app&password=hunter22&ssl=true"))
                .isEqualTo("jdbc:mysql://db/shop?user=app&password=***&ssl=true");
        assertThat(Redaction.redactUrls("postgres://app@db/shop")).isEqualTo("postgres://app@db/shop");
    }

    @Test
    void findsTheSecretsItWouldMask() {
        assertThat(Redaction.secretsIn("--url=postgres://app:hunter22@db/x?sslpassword=k3y")).containsExactly("hunter22", "k3y");
    }

    @Test
    void secretMaskHidesKnownValuesEverywhereLongestFirst() {
        SecretMask mask = new SecretMask();
        mask.add("abcd");
        mask.add("abcdefgh");
        mask.add("xy"); // too short to mask safely on its own
        assertThat(mask.apply("key abcdefgh and abcd and xy")).isEqualTo("key *** and *** and xy");
        mask.add(DatabaseUrl.parse("postgres://app:Zq9!pw@db/shop"));
        assertThat(mask.apply("password Zq9!pw leaked")).isEqualTo("password *** leaked");
    }
}

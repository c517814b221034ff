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
    void secretMaskHidesLongRandomValuesEverywhereLongestFirst() {
        SecretMask mask = new SecretMask();
        mask.add("x7Kq2Lp9");
        mask.add("x7Kq2Lp9Wz4M");
        mask.add("xy"); // too short to mask safely on its own
        assertThat(mask.apply("key x7Kq2Lp9Wz4M and x7Kq2Lp9 and xy")).isEqualTo("key *** and *** and xy");
        mask.add(DatabaseUrl.parse("postgres://app:Zq9!pw-Long@db/shop"));
        assertThat(mask.apply("password Zq9!pw-Long leaked")).isEqualTo("password *** leaked");
    }
}

package dev.ferry.report;

import dev.ferry.secrets.SecretsComparison;
import dev.ferry.secrets.SecretsComparison.KeyComparison;
import dev.ferry.secrets.SecretsComparison.Side;
import dev.ferry.secrets.SecretsComparison.State;
import dev.ferry.secrets.SecretsCopy;
import dev.ferry.secrets.SecretsCopy.Action;
import dev.ferry.secrets.SecretsCopy.KeyCopy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTextTest {

    @Test
    void aTableOfFingerprintsThenTheVerdict() {
        SecretsComparison c = new SecretsComparison("old/.env", ".env", ".ferry/fingerprint.key", List.of(
                new KeyComparison("NEXTAUTH_SECRET", State.SAME, null, "3f9a01bc", "3f9a01bc"),
                new KeyComparison("JWT_SECRET", State.DIFFERENT, null, "77d0e2aa", "c1b2d3e4"),
                new KeyComparison("SMTP_KEY", State.MISSING, Side.A, null, "0badc0de")));

        assertThat(SecretsText.compare(c, Ansi.OFF)).isEqualTo("""
                key              old/.env  .env
                ---------------  --------  --------  -------------------
                NEXTAUTH_SECRET  3f9a01bc  3f9a01bc  same
                JWT_SECRET       77d0e2aa  c1b2d3e4  different
                SMTP_KEY         -         0badc0de  missing in old/.env

                3 keys: 1 same, 1 different, 1 missing · the secrets do not match
                fingerprints are HMAC-SHA256 under .ferry/fingerprint.key: compare them only with fingerprints made with that key
                """);
        String coloured = SecretsText.compare(c, new Ansi(true));
        assertThat(coloured).contains("\u001b[32msame\u001b[0m", "\u001b[31mdifferent\u001b[0m", "\u001b[33mmissing in old/.env\u001b[0m")
                .contains("NEXTAUTH_SECRET  3f9a01bc  3f9a01bc  ");
    }

    @Test
    void nothingToCompareIsSaid() {
        assertThat(SecretsText.compare(new SecretsComparison("a.env", "b.env", "k", List.of()), Ansi.OFF)).contains("nothing to compare");
    }

    @Test
    void aCopySaysWhatHappenedToEachKeyAndWhereTheOldFileIs() {
        SecretsCopy copy = new SecretsCopy("old/.env", ".env", List.of(new KeyCopy("JWT_SECRET", Action.REPLACED, "77d0e2aa"),
                new KeyCopy("NEXTAUTH_SECRET", Action.ALREADY_SAME, "3f9a01bc")), "/srv/app/.env.ferry-backup-20250101T000000000Z", false);
        assertThat(SecretsText.copy(copy, Ansi.OFF)).isEqualTo("""
                key              fingerprint
                ---------------  -----------  ------------------------
                JWT_SECRET       77d0e2aa     replaced in .env
                NEXTAUTH_SECRET  3f9a01bc     already the same in .env

                copied from old/.env; the old file is kept as /srv/app/.env.ferry-backup-20250101T000000000Z
                """);
    }
}

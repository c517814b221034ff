package dev.ferry.report;

import dev.ferry.secrets.SecretsComparison;
import dev.ferry.secrets.SecretsComparison.KeyComparison;
import dev.ferry.secrets.SecretsComparison.State;
import dev.ferry.secrets.SecretsCopy;
import dev.ferry.secrets.SecretsCopy.KeyCopy;

/**
 * {@code ferry secrets compare} (and the plan's secrets step) for a terminal: a table of keys with
 * each file's fingerprint, never a value, then a verdict.
 *
 * <pre>
 * key              old/.env  .env
 * ---------------  --------  --------  ---------
 * NEXTAUTH_SECRET  3f9a01bc  3f9a01bc  same
 * JWT_SECRET       77d0e2aa  c1b2d3e4  different
 * </pre>
 */
public final class SecretsText {
    private static final String NONE = "-";

    private SecretsText() {
    }

    public static String compare(SecretsComparison result, Ansi ansi) {
        if (result.keys().isEmpty()) {
            return "nothing to compare: neither " + result.a() + " nor " + result.b() + " sets a key\n";
        }
        TextTable table = new TextTable("key", result.a(), result.b(), "");
        for (KeyComparison k : result.keys()) {
            table.row(k.key(), orNone(k.fingerprintA()), orNone(k.fingerprintB()), state(k, result));
        }
        StringBuilder sb = new StringBuilder(colour(table.render(), result, ansi)).append('\n');
        sb.append(count(result.keys().size(), "key")).append(": ").append(result.count(State.SAME)).append(" same, ")
                .append(result.count(State.DIFFERENT)).append(" different, ").append(result.count(State.MISSING)).append(" missing");
        sb.append(result.allSame() ? " · " + ansi.green("the secrets match") : " · " + ansi.red("the secrets do not match")).append('\n');
        sb.append(ansi.dim("fingerprints are HMAC-SHA256 under " + result.fingerprintKey() + ": compare them only with fingerprints made with that key"))
                .append('\n');
        return sb.toString();
    }

    public static String copy(SecretsCopy result, Ansi ansi) {
        TextTable table = new TextTable("key", "fingerprint", "");
        for (KeyCopy k : result.keys()) {
            table.row(k.key(), k.fingerprint(), switch (k.action()) {
                case REPLACED -> "replaced in " + result.to();
                case APPENDED -> "added to " + result.to();
                case ALREADY_SAME -> "already the same in " + result.to();
            });
        }
        StringBuilder sb = new StringBuilder(table.render()).append('\n');
        if (!result.changed()) {
            sb.append(ansi.green("nothing to copy")).append(": ").append(result.to()).append(" already holds the values of ").append(result.from());
        } else {
            sb.append(ansi.green("copied from " + result.from())).append(result.created() ? "; " + result.to() + " created (0600)" : "")
                    .append(result.backup() == null ? "" : "; the old file is kept as " + result.backup());
        }
        return sb.append('\n').toString();
    }

    private static String state(KeyComparison k, SecretsComparison result) {
        return switch (k.state()) {
            case SAME -> "same";
            case DIFFERENT -> "different";
            case MISSING -> "missing in " + switch (k.missingIn()) {
                case A -> result.a();
                case B -> result.b();
                case BOTH -> "both";
            };
        };
    }

    /** Colours the last cell of each row after the table is laid out, so escape codes do not skew its widths. */
    private static String colour(String table, SecretsComparison result, Ansi ansi) {
        if (!ansi.enabled()) {
            return table;
        }
        String[] lines = table.split("\n", -1);
        for (int i = 0; i < result.keys().size(); i++) {
            KeyComparison k = result.keys().get(i);
            String line = lines[i + 2];
            String cell = state(k, result);
            String painted = k.state() == State.SAME ? ansi.green(cell) : k.state() == State.DIFFERENT ? ansi.red(cell) : ansi.yellow(cell);
            lines[i + 2] = line.substring(0, line.length() - cell.length()) + painted;
        }
        return String.join("\n", lines);
    }

    private static String orNone(String fingerprint) {
        return fingerprint == null ? NONE : fingerprint;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}

package dev.ferry.cli;

import dev.ferry.error.ExitCode;
import dev.ferry.report.Json;
import dev.ferry.report.SecretsText;
import dev.ferry.secrets.Secrets;
import dev.ferry.secrets.SecretsComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ferry secrets compare A.env B.env [--keys K,…]}: whether two env files hold the same secrets,
 * by fingerprint. Exit 0 when every compared key is the same, 1 when one differs or is missing.
 */
@Command(name = "compare", description = "Compare the keys of two env files by fingerprint, never by value: same, different, or missing"
        + " in one file. A fingerprint is 8 characters of HMAC-SHA256 keyed by the workspace's own key file, .ferry/fingerprint.key."
        + " Exit 1 unless every key is the same.")
final class SecretsCompareCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    private GlobalOptions globals;

    @Parameters(index = "0", paramLabel = "A.env", description = "one env file, e.g. the old server's")
    private Path a;

    @Parameters(index = "1", paramLabel = "B.env", description = "the other, e.g. the new server's")
    private Path b;

    @Option(names = "--keys", split = ",", paramLabel = "K", description = "only these keys (comma-separated; default: every key of either file);"
            + " a key neither file sets is reported missing")
    private List<String> keys = List.of();

    SecretsCompareCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Secrets secrets = new Secrets(context.workDir().resolve(".ferry"), context.mask());
        SecretsComparison found = secrets.compare(context.workDir().resolve(a), context.workDir().resolve(b), keys);
        // the files as the user typed them and the key file from the working directory, so the table stays readable
        SecretsComparison result = new SecretsComparison(a.toString(), b.toString(),
                context.workDir().relativize(secrets.fingerprintKey()).toString(), found.keys());
        Console console = context.console();
        console.result(console.json() ? Json.write(result) + "\n" : SecretsText.compare(result, console.ansi()));
        return result.allSame() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }
}

package dev.ferry.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every registered command and subcommand, today's and those added later, answers --help and -h. */
class HelpOptionsTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandPrintsItsUsageOnStdoutForHelpAndH() {
        List<List<String>> paths = new ArrayList<>();
        collect(new FerryCli(Map.of(), dir, System.out, System.err, false).commandLine(), List.of(), paths);
        assertThat(paths).as("registered commands").hasSizeGreaterThanOrEqualTo(10);
        for (List<String> path : paths) {
            for (String flag : new String[] {"--help", "-h"}) {
                String[] args = Stream.concat(path.stream(), Stream.of(flag)).toArray(String[]::new);
                CliRun run = CliRun.inProcess(dir, Map.of(), args);
                assertThat(run.exit()).as("ferry %s: %s", String.join(" ", args), run.all()).isZero();
                assertThat(run.out()).as("ferry %s", String.join(" ", args)).contains("Usage: ferry " + String.join(" ", path) + " ");
                assertThat(run.err()).as("ferry %s", String.join(" ", args)).isEmpty();
            }
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) {
                return; // an alias of a command already listed
            }
            List<String> subPath = Stream.concat(path.stream(), Stream.of(name)).toList();
            into.add(subPath);
            collect(sub, subPath, into);
        });
    }
}

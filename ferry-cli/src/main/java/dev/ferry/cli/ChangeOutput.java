package dev.ferry.cli;

import dev.ferry.error.ExitCode;
import dev.ferry.migrate.ChangeResult;
import dev.ferry.report.Json;
import dev.ferry.report.MigrationText;

/** Prints what a history-changing command did; exit 1 when problems remain. */
final class ChangeOutput {
    private ChangeOutput() {
    }

    static int print(Console console, ChangeResult result) {
        console.result(console.json() ? Json.write(result) + "\n" : MigrationText.changes(result, console.ansi()));
        return result.remaining().isEmpty() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }
}

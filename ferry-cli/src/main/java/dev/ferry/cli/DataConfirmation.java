package dev.ferry.cli;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.util.Optional;

/** The typed confirmation of {@code ferry data reset} and {@code down}: the migration's id, or --yes. */
final class DataConfirmation {
    private DataConfirmation() {
    }

    static void require(CliContext context, boolean yes, String verb, String id, String what) {
        if (yes) {
            return;
        }
        Console console = context.console();
        if (!console.interactive()) {
            throw new FerryException(ErrorCode.USAGE, what + ", and this run is not on a terminal where it could ask", "add --yes to confirm (ferry --yes data " + verb + " " + id + ")");
        }
        Optional<String> typed = console.ask(what + ". Type " + id + " to go on: ");
        if (typed.isEmpty() || !typed.get().equals(id)) {
            throw new FerryException(ErrorCode.USAGE, "D" + id + " was left as it was: " + typed.map(t -> "'" + t + "' is not '" + id + "'")
                    .orElse("nothing was typed"), "type " + id + " exactly, or pass --yes");
        }
    }
}

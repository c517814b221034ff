package dev.ferry.cli;

import dev.ferry.connect.Target;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.util.Optional;

/**
 * The confirmation a write to a protected environment needs: {@code --yes}, or the environment's name
 * typed on a terminal (as GitHub asks for a repository's name before deleting it: a reflex "y" is
 * not enough). Without either, the command stops before it connects.
 */
final class ProtectedWrites {
    private ProtectedWrites() {
    }

    /** Returns when {@code command} may write to {@code target}; throws a usage error otherwise. */
    static void confirm(Target target, String command, boolean yes, Console console) {
        if (!target.isProtected() || yes) {
            return;
        }
        String name = target.environment().orElse("?");
        confirmByTypedName(name, "its name", "environment '" + name + "' is protected: ferry " + command + " writes to it", command,
                "ferry " + command + " will write to the protected environment '" + name + "' (" + target.url().redacted() + ").", console);
    }

    /**
     * Returns once the person at the terminal has typed {@code name} after {@code question}; throws
     * a usage error saying {@code what} when nobody is there to ask or the name typed is another.
     *
     * @param noun what {@code name} is to the question ("its name", "its id"), for the prompt
     */
    static void confirmByTypedName(String name, String noun, String what, String command, String question, Console console) {
        if (!console.interactive()) {
            throw new FerryException(ErrorCode.PROTECTED, what + ", and this run is not on a terminal where it could ask",
                    "add --yes to confirm the write (ferry --yes " + command + " …), or run it on a terminal and type '" + name + "'");
        }
        Optional<String> typed = console.ask(question + "\nType " + noun + " to go on: ");
        if (typed.isEmpty() || !typed.get().equals(name)) {
            throw new FerryException(ErrorCode.PROTECTED, what + ", and " + typed.map(t -> "'" + t + "' is not '" + name + "'")
                    .orElse("no name was typed") + "; nothing was changed", "type " + name + " exactly, or pass --yes");
        }
    }
}

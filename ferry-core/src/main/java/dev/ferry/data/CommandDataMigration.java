package dev.ferry.data;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.connect.SecretMask;
import dev.ferry.migrate.MigrationVersion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code D<version>__<description>.cmd}: a data migration in any language. The file holds one command
 * line ({@code node scripts/classify.js}), which Ferry runs without a shell in the workspace directory
 * (where ferry.yaml is, or the working directory), with the database and where to begin in its
 * environment ({@link CommandEnvironment}). The process reports on stdout in JSON lines
 * ({@link CommandOutput}): per-record outcomes, and a checkpoint after each batch it committed, which
 * Ferry records so that a run that stopped resumes after it ({@code FERRY_RESUME_AFTER}). Exit 0 is
 * done; any other exit fails the migration with the last lines of its stderr.
 *
 * <p>The process commits its batch before Ferry records the checkpoint, so a crash between the two
 * makes the next run do that batch again: a command's batch must be harmless to repeat (idempotent,
 * or keyed so that done rows are passed over). docs/data-migrations.md says so to its authors.
 */
final class CommandDataMigration extends FileDataMigration {
    /** Shorter passwords are not masked in the process's text: "1" would mask every 1 in it. */
    private static final int MASKED_LENGTH = 4;
    private static final int SIGNALLED = 128;
    private final String text;
    private final CommandFile command;
    private final DatabaseUrl database;
    private final Path workDir;
    private final SecretMask mask = new SecretMask();
    private final Pattern password;

    /**
     * @param database the URL Ferry was given (its password and parameters go to the process)
     * @param workDir  where the command runs and its relative paths start: the workspace directory
     */
    CommandDataMigration(MigrationVersion version, String description, Path file, String text, DatabaseUrl database, Path workDir) {
        super(version, description, file);
        this.text = text;
        this.command = CommandFile.parse(file, text);
        this.database = database;
        this.workDir = workDir;
        mask.add(database);
        this.password = database.password().filter(p -> p.length() >= MASKED_LENGTH)
                .map(p -> Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(p) + "(?![A-Za-z0-9])")).orElse(null);
    }

    @Override
    public String kind() {
        return "command";
    }

    @Override
    public String checksum() {
        return text;
    }

    @Override
    public void up(DataContext context) throws Exception {
        CommandProcess process = start(context);
        try (process) {
            CommandOutput output = new CommandOutput(context, this::mask);
            int n = 0;
            for (String line = process.readLine(); line != null; line = process.readLine()) {
                if (process.cut()) {
                    // a last line cut off: its exit says more than what is left of the line
                    requireSuccess(process);
                }
                try {
                    output.apply(line, ++n);
                } catch (CommandOutput.ProtocolError e) {
                    throw new CommandFailed(e.getMessage());
                }
            }
            requireSuccess(process);
        }
    }

    private void requireSuccess(CommandProcess process) throws InterruptedException, CommandFailed {
        int code = process.waitFor();
        if (code != 0) {
            throw new CommandFailed("the command exited with code " + code + (code > SIGNALLED && code < SIGNALLED + 65
                    ? " (as a process killed by signal " + (code - SIGNALLED) + " does)" : "") + tail(process.stderrTail()));
        }
    }

    private CommandProcess start(DataContext context) throws Exception {
        try {
            return CommandProcess.start(command.words(), workDir, CommandEnvironment.of(database, context.connection(), id(), context, command.batchSize()),
                    line -> context.note(mask(line)), "D" + id());
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            Matcher why = Pattern.compile("error=\\d+, (.*)").matcher(message);
            throw new CommandFailed(file().getFileName() + " runs '" + command.words().get(0) + "', which cannot be started ("
                    + (why.find() ? why.group(1) : message) + "): install it or put it on PATH, or give its path (a relative path starts in " + workDir + ")");
        }
    }

    private String tail(List<String> lines) {
        return lines.isEmpty() ? ", and wrote nothing on stderr" : "; its last lines on stderr: " + mask(String.join(" | ", lines));
    }

    /** The process's text as Ferry may show or keep it: the password of the URL it was given is masked wherever it stands. */
    private String mask(String text) {
        String masked = mask.apply(text);
        return password == null ? masked : password.matcher(masked).replaceAll("***");
    }

    /** The command failed: it did not start, it exited with an error, or it wrote what is not the protocol. */
    static final class CommandFailed extends Exception {
        CommandFailed(String message) {
            super(message, null, false, false);
        }
    }
}

package dev.ferry.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The files git saw renamed in a directory, in the history of the checked-out commit and in the
 * changes not yet committed. Rails records only a version, so which file a recorded version became
 * is known from git alone; a file deleted and a new one added under the same name is not a rename
 * (it is a new migration), and git says so.
 *
 * @param renamedTo each old file name (without directories) → the name it was renamed to, one step
 * @param reason    why git could not be read (not installed, not a repository), or null
 */
record GitRenames(Map<String, String> renamedTo, String reason) {
    private static final long TIMEOUT_SECONDS = 60;

    static GitRenames of(Path directory) {
        Map<String, String> renames = new HashMap<>();
        String[][] commands = {
                {"log", "-M", "--name-status", "--format=", "HEAD", "--", "."},
                {"diff", "-M", "--name-status", "HEAD", "--", "."}};
        for (String[] command : commands) {
            Result r = git(directory, command);
            if (r.error() != null) {
                return new GitRenames(Map.of(), r.error());
            }
            // Newest first: an older step never replaces the newer one already taken for the same name.
            r.out().lines().map(l -> l.split("\t")).filter(f -> f.length == 3 && f[0].startsWith("R"))
                    .forEach(f -> renames.putIfAbsent(baseName(f[1]), baseName(f[2])));
        }
        return new GitRenames(renames, null);
    }

    /** The name {@code file} has after every rename git saw, or null when git saw none. */
    String finalName(String file) {
        String name = renamedTo.get(file);
        Set<String> seen = new HashSet<>();
        while (name != null && seen.add(name) && renamedTo.containsKey(name)) {
            name = renamedTo.get(name);
        }
        return name;
    }

    /** The old names that were renamed, for finding a recorded version's file. */
    Set<String> renamedFiles() {
        return renamedTo.keySet();
    }

    private record Result(String out, String error) {
    }

    private static Result git(Path directory, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            String out = readAll(p.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(null, "git " + args[0] + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                String error = errors.join().strip();
                return new Result(null, error.contains("not a git repository") ? directory + " is not in a git repository"
                        : "git " + args[0] + " failed: " + error.lines().findFirst().orElse("exit " + p.exitValue()));
            }
            return new Result(out, null);
        } catch (IOException e) {
            return new Result(null, "git is not installed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted while reading the git history");
        }
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

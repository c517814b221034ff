package dev.ferry.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where git saw the files of a directory go: every rename in the history of the checked-out commit
 * and in the changes not yet committed, replayed oldest first. Rails records only a version, so
 * which file a recorded version became is known from git alone. Only exact renames count (the
 * content unchanged, as a renumbered Rails migration is): a file deleted and a similar one added is
 * a new migration, not the old one under a new name.
 *
 * @param became each file name ever seen in a rename → the name the file that last bore it has now
 * @param reason why git could not be read (not installed, not a repository, no commits), or null
 */
record GitRenames(Map<String, String> became, String reason) {
    private static final long TIMEOUT_SECONDS = 60;
    /** Starts each commit in the log, so that the renames of one commit are taken together. */
    private static final String COMMIT = "\u0001";

    static GitRenames of(Path directory) {
        Result log = git(directory, "log", "-z", "-M100%", "--name-status", "--format=%x01", "HEAD", "--", ".");
        if (log.error() != null) {
            return new GitRenames(Map.of(), log.error());
        }
        Result uncommitted = git(directory, "diff", "-z", "-M100%", "--name-status", "HEAD", "--", ".");
        if (uncommitted.error() != null) {
            return new GitRenames(Map.of(), uncommitted.error());
        }
        List<List<String[]>> commits = commits(log.out());
        Collections.reverse(commits); // git log lists the newest first
        commits.add(renames(List.of(uncommitted.out().split("\0"))));
        return new GitRenames(replay(commits), null);
    }

    /** The name the file that last bore {@code name} has now, or null when git saw no rename of it. */
    String finalName(String name) {
        return became.get(name);
    }

    /** Every file name git saw renamed from or to. */
    Set<String> names() {
        return became.keySet();
    }

    /** Follows each file through the renames, a commit at a time (its renames happen at once, so a swap is a swap). */
    private static Map<String, String> replay(List<List<String[]>> commits) {
        Map<String, Integer> bearer = new HashMap<>();   // a name now → the file that has it
        Map<Integer, String> current = new HashMap<>();  // a file → its name now
        Map<String, Integer> lastBearer = new LinkedHashMap<>();
        int files = 0;
        for (List<String[]> commit : commits) {
            List<Integer> moved = new ArrayList<>();
            for (String[] rename : commit) {
                Integer file = bearer.remove(rename[0]);
                if (file == null) {
                    file = files++;
                    lastBearer.put(rename[0], file);
                }
                moved.add(file);
            }
            for (int i = 0; i < commit.size(); i++) {
                String to = commit.get(i)[1];
                current.put(moved.get(i), to);
                bearer.put(to, moved.get(i));
                lastBearer.put(to, moved.get(i));
            }
        }
        Map<String, String> became = new HashMap<>();
        lastBearer.forEach((name, file) -> became.put(name, current.get(file)));
        return became;
    }

    private static List<List<String[]>> commits(String log) {
        List<List<String[]>> commits = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (String token : log.split("\0")) {
            String t = token.strip();
            if (t.startsWith(COMMIT)) {
                if (!tokens.isEmpty()) {
                    commits.add(renames(tokens));
                }
                tokens = new ArrayList<>();
                t = t.substring(COMMIT.length()).strip();
            }
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        if (!tokens.isEmpty()) {
            commits.add(renames(tokens));
        }
        return commits;
    }

    /** The renames in --name-status -z output: "R100", old path, new path; other changes (A, D, M, T: one path; C: two) skipped. */
    private static List<String[]> renames(List<String> tokens) {
        List<String[]> renames = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String status = tokens.get(i).strip();
            if (status.isEmpty()) {
                continue;
            }
            boolean twoPaths = status.startsWith("R") || status.startsWith("C");
            if (status.startsWith("R") && i + 2 < tokens.size()) {
                renames.add(new String[] {baseName(tokens.get(i + 1)), baseName(tokens.get(i + 2))});
            }
            i += twoPaths ? 2 : 1;
        }
        return renames;
    }

    private record Result(String out, String error) {
    }

    private static Result git(Path directory, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
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
                return new Result(null, why(directory, errors.join().strip(), args[0], p.exitValue()));
            }
            return new Result(out, null);
        } catch (IOException e) {
            return new Result(null, "git is not installed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted while reading the git history");
        }
    }

    private static String why(Path directory, String error, String command, int exit) {
        if (error.contains("not a git repository")) {
            return directory + " is not in a git repository";
        }
        if (error.contains("bad revision 'HEAD'") || error.contains("does not have any commits") || error.contains("unknown revision")) {
            return "the git repository of " + directory + " has no commits yet";
        }
        return "git " + command + " failed: " + error.lines().findFirst().orElse("exit " + exit);
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

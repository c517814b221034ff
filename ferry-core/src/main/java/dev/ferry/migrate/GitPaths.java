package dev.ferry.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every file name a directory has held in its git history, renamed and deleted ones included. Rails
 * records only a version, so the name a version had before its file was renamed is known from git
 * alone.
 *
 * @param names  the file names (without directories) found, in no particular order
 * @param reason why nothing could be read (no git, not a repository), or null
 */
record GitPaths(List<String> names, String reason) {
    private static final long TIMEOUT_SECONDS = 60;

    static GitPaths of(Path directory) {
        // --no-renames lists a rename as the old path deleted and the new one added, so old names show.
        ProcessBuilder git = new ProcessBuilder("git", "-C", directory.toString(), "log", "--all", "--no-renames", "--format=", "--name-only", "--", ".")
                .redirectErrorStream(false);
        try {
            Process p = git.start();
            p.getOutputStream().close();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            String out = readAll(p.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new GitPaths(List.of(), "git log did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                String error = errors.join().strip();
                return new GitPaths(List.of(), error.contains("not a git repository") ? directory + " is not in a git repository"
                        : "git log failed: " + error.lines().findFirst().orElse("exit " + p.exitValue()));
            }
            return new GitPaths(out.lines().filter(l -> !l.isBlank()).map(l -> l.substring(l.lastIndexOf('/') + 1)).distinct().toList(), null);
        } catch (IOException e) {
            return new GitPaths(List.of(), "git is not installed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GitPaths(List.of(), "interrupted while reading the git history");
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

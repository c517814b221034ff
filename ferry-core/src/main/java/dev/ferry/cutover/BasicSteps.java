package dev.ferry.cutover;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The steps that need no database: a shell command (pm2, systemctl, docker), an HTTP check with retries
 * (a smoke test), and the downtime markers, which only note the time.
 */
public final class BasicSteps {
    private static final int DEFAULT_SHELL_TIMEOUT_SECONDS = 600;
    private final Path workDir;

    public BasicSteps(Path workDir) {
        this.workDir = workDir;
    }

    public StepActions.StepResult run(Step step, Map<String, Object> options, StepActions.StepContext context) {
        return switch (step.kind()) {
            case SHELL -> shell(options, context);
            case HTTP -> http(options, context);
            case DOWNTIME -> StepActions.StepResult.of("downtime " + (options.get("mark").equals("begin") ? "begins" : "ends"));
            default -> throw new IllegalArgumentException("not a basic step: " + step.kind().key());
        };
    }

    /** {@code sh -c COMMAND} in the workspace (or dir:), its output in the step's log; the expected exit code or the step fails. */
    private StepActions.StepResult shell(Map<String, Object> options, StepActions.StepContext context) {
        String command = (String) options.get("command");
        int timeout = (Integer) options.getOrDefault("timeout", DEFAULT_SHELL_TIMEOUT_SECONDS);
        int expect = (Integer) options.getOrDefault("expect", 0);
        Path dir = options.containsKey("dir") ? workDir.resolve((String) options.get("dir")) : workDir;
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STEP_FAILED, "cannot start sh for '" + command + "': " + e.getMessage(), "is sh on PATH, and " + dir + " a directory?");
        }
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(context::log);
            } catch (IOException ended) {
                // the process is gone: its output ends here
            }
        }, "ferry-shell-output");
        reader.start();
        try {
            if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new FerryException(ErrorCode.STEP_FAILED, "'" + command + "' did not finish in " + timeout + " s and was stopped",
                        "raise timeout: of the step, or look at why it hangs");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.STEP_FAILED, "interrupted while '" + command + "' ran", null);
        }
        int exit = process.exitValue();
        if (exit != expect) {
            throw new FerryException(ErrorCode.STEP_FAILED, "'" + command + "' exited with " + exit + ", expected " + expect,
                    "its output is in the step's log above");
        }
        return new StepActions.StepResult(Map.of("exitCode", exit), "'" + command + "' exited with " + exit);
    }

    /** GET url until it answers the expected status, retries: more times, delay: seconds apart. */
    private StepActions.StepResult http(Map<String, Object> options, StepActions.StepContext context) {
        String url = (String) options.get("url");
        int expect = (Integer) options.getOrDefault("expect", 200);
        int retries = (Integer) options.getOrDefault("retries", 0);
        int delay = (Integer) options.getOrDefault("delay", 2);
        int timeout = (Integer) options.getOrDefault("timeout", 10);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeout)).followRedirects(HttpClient.Redirect.NEVER).build();
        String last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                sleep(delay);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(timeout)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == expect) {
                    return new StepActions.StepResult(Map.of("status", response.statusCode()), "GET " + url + " answered " + expect);
                }
                last = "answered " + response.statusCode();
            } catch (IOException e) {
                last = "did not answer (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FerryException(ErrorCode.STEP_FAILED, "interrupted while checking " + url, null);
            } catch (IllegalArgumentException e) {
                throw new FerryException(ErrorCode.CONFIG, "http url: '" + url + "' is not a URL: " + e.getMessage(), "write it as http://HOST:PORT/PATH");
            }
            context.log("GET " + url + " " + last + (attempt < retries ? "; again in " + delay + " s" : ""));
        }
        throw new FerryException(ErrorCode.STEP_FAILED, "GET " + url + " " + last + ", expected " + expect + (retries > 0 ? ", after " + (retries + 1) + " tries" : ""),
                "is the application up? the step's log shows every try");
    }

    private static void sleep(int seconds) {
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.STEP_FAILED, "interrupted", null);
        }
    }
}

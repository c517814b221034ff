package dev.ferry.bench;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The load test of {@code ferry serve} (issue 14, must-show 5), run in a JVM of its own against a running
 * server on 127.0.0.1; {@code bench/serve-load.sh} starts both.
 *
 * <ol>
 *   <li>Warm-up: the steady load for {@code --warmup} seconds (5), so that the steady phase measures a
 *       server whose JIT has done its work; shown, and its errors count, but its latencies are its own.</li>
 *   <li>Steady: {@code --clients} threads send {@code GET /api/migrations} with a valid read key for
 *       {@code --seconds}; target: no error (an error is any answer but 200 with the status body, or none).</li>
 *   <li>Under attack: the same valid load again while {@code --attack-clients} other threads send
 *       {@code --wrong-keys} requests, each with a new random wrong key, from another client address
 *       ({@code --attacker-address}, 127.0.0.2: Linux routes all of 127/8 to lo), since the server's
 *       limiter counts failures per address and an attacker is not the deploy pipeline. Paced at
 *       {@code --attack-rate} a second (by default spread over {@code --seconds}, so that the valid requests
 *       beside it are as many as in the steady phase; 0: flat out), it stops after that many requests or
 *       {@code --attack-seconds}, whichever is first, and the valid load stops with it.
 *       Targets: every wrong key answered 401 or 429; the valid requests without error and their p99 at most
 *       twice the steady phase's.</li>
 * </ol>
 *
 * <pre>
 * FERRY_LOAD_KEY=… java -cp CLASSPATH dev.ferry.bench.ServeLoad --base=http://127.0.0.1:PORT [--expect-applied=20]
 * </pre>
 *
 * The read key comes from the environment, never from the command line, where {@code ps} would show it.
 * Prints a table, the targets with PASS or FAIL, and one JSON line; exits 0 when every target is met,
 * 1 when one is missed, 2 for bad options, 4 when the run failed (no server, a phase past its bound).
 */
public final class ServeLoad {
    private static final String USAGE = "FERRY_LOAD_KEY=KEY ServeLoad --base=http://127.0.0.1:PORT [--clients=200] [--warmup=5] [--seconds=30]"
            + " [--wrong-keys=10000] [--attack-rate=WRONG-KEYS/SECONDS] [--attack-seconds=60] [--attack-clients=16]"
            + " [--attacker-address=127.0.0.2] [--expect-applied=N]";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Past a phase's own length: its last requests' answers, each within the request timeout, and a margin. */
    private static final Duration GRACE = REQUEST_TIMEOUT.plusSeconds(20);
    private static final String PATH = "/api/migrations";

    private final Options options;
    private final HttpClient valid;
    private final HttpClient attacker;

    private ServeLoad(Options options, HttpClient valid, HttpClient attacker) {
        this.options = options;
        this.valid = valid;
        this.attacker = attacker;
    }

    /** The command line and the key, checked before any request. */
    record Options(URI base, int clients, int warmup, int seconds, int wrongKeys, int attackSeconds, int attackClients, int attackRate,
                   String attackerAddress, int expectApplied, String key) {

        static Options parse(String[] args, Map<String, String> environment) {
            Map<String, String> given = new LinkedHashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("not --name=value: " + arg);
                }
                given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            String key = environment.getOrDefault("FERRY_LOAD_KEY", "");
            if (key.isBlank() || !given.containsKey("base")) {
                throw new IllegalArgumentException("--base and FERRY_LOAD_KEY (a read key of the server) are required");
            }
            int seconds = number(given, "seconds", 30);
            int wrongKeys = number(given, "wrong-keys", 10_000);
            Options options = new Options(URI.create(given.remove("base")), number(given, "clients", 200), number(given, "warmup", 5),
                    seconds, wrongKeys,
                    number(given, "attack-seconds", 60), number(given, "attack-clients", 16),
                    number(given, "attack-rate", (wrongKeys + seconds - 1) / seconds),
                    Objects.requireNonNullElse(given.remove("attacker-address"), "127.0.0.2"), number(given, "expect-applied", 0), key);
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s): " + given.keySet());
            }
            return options;
        }

        private static int number(Map<String, String> given, String name, int fallback) {
            String text = given.remove(name);
            int value = text == null ? fallback : Integer.parseInt(text);
            boolean zeroAllowed = name.equals("expect-applied") || name.equals("attack-rate") || name.equals("warmup");
            if (value < 0 || value == 0 && !zeroAllowed) {
                throw new IllegalArgumentException("--" + name + " must be a whole number from " + (zeroAllowed ? 0 : 1) + ", not " + text);
            }
            return value;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage() + "\nusage: " + USAGE);
            System.exit(2);
            return;
        }
        HttpClient valid = client(options.clients(), null);
        HttpClient attacker = client(options.attackClients(), options.attackerAddress());
        int code;
        try {
            code = new ServeLoad(options, valid, attacker).run();
        } catch (Harness.RunFailed failed) {
            System.err.println("FAILED: " + failed.getMessage());
            code = 4;
        } catch (Exception unexpected) {
            unexpected.printStackTrace();
            code = 4;
        } finally {
            valid.stop();
            attacker.stop();
        }
        System.exit(code);
    }

    /** One client, its pool as large as its threads, so that each thread keeps a keep-alive connection busy. */
    private static HttpClient client(int connections, String bindAddress) throws Exception {
        HttpClient client = new HttpClient();
        client.setMaxConnectionsPerDestination(connections);
        client.setMaxRequestsQueuedPerDestination(connections * 4);
        client.setConnectTimeout(5_000);
        client.setFollowRedirects(false);
        if (bindAddress != null) {
            client.setBindAddress(new InetSocketAddress(bindAddress, 0));
        }
        client.start();
        return client;
    }

    private int run() throws Exception {
        String loadBefore = Harness.loadAverage();
        byte[] status = probe();
        System.err.printf(Locale.ROOT, "status body %d bytes; %d clients, %d s of warm-up, then %d s steady…%n",
                status.length, options.clients(), options.warmup(), options.seconds());
        LoadResult warmUp = timed("warm-up", options.warmup(), status);
        LoadResult steady = timed("steady", options.seconds(), status);
        System.err.printf(Locale.ROOT, "steady: p99 %s ms; under attack: %d wrong keys from %s, %s (at most %d s)…%n",
                LoadResult.ms(steady.p99Nanos()), options.wrongKeys(), options.attackerAddress(),
                options.attackRate() == 0 ? "flat out" : options.attackRate() + " a second", options.attackSeconds());
        LoadResult[] attacked = underAttack(status);
        return report(warmUp, steady, attacked[0], attacked[1], loadBefore);
    }

    /** One valid request first: the key works and the status has the content the script made. */
    private byte[] probe() throws Exception {
        ContentResponse response;
        try {
            response = validRequest().send();
        } catch (ExecutionException | TimeoutException noAnswer) {
            throw new Harness.RunFailed("no answer from " + options.base() + PATH + ": " + noAnswer.getMessage());
        }
        if (response.getStatus() != 200) {
            throw new Harness.RunFailed("GET " + PATH + " with the read key answered " + response.getStatus() + ", not 200");
        }
        String body = response.getContentAsString();
        int applied = body.split("\"APPLIED\"", -1).length - 1;
        if (applied < options.expectApplied()) {
            throw new Harness.RunFailed("the status lists " + applied + " applied migrations, expected " + options.expectApplied());
        }
        return response.getContent();
    }

    /** The valid load alone for a number of seconds. */
    private LoadResult timed(String name, int seconds, byte[] status) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        return LoadLoop.run(name, options.clients(), this::validRequest, sameAs(status),
                () -> System.nanoTime() < end, Duration.ofSeconds(seconds).plus(GRACE));
    }

    /** The valid load and the attack at once; the valid load ends when the attack does. Returns {attack, valid}. */
    private LoadResult[] underAttack(byte[] status) throws Exception {
        AtomicBoolean attackOver = new AtomicBoolean();
        Duration bound = Duration.ofSeconds(options.attackSeconds()).plus(GRACE);
        ExecutorService side = Executors.newSingleThreadExecutor();
        Future<LoadResult> during = side.submit(() -> LoadLoop.run("during-attack", options.clients(), this::validRequest,
                sameAs(status), () -> !attackOver.get(), bound.plus(GRACE)));
        LoadResult attack;
        try {
            attack = LoadLoop.run("attack", options.attackClients(), this::wrongKeyRequest, ServeLoad::refused, attackSchedule(), bound);
        } finally {
            attackOver.set(true);
            side.shutdown();
        }
        try {
            return new LoadResult[] {attack, during.get(bound.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)};
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof Harness.RunFailed runFailed ? runFailed : new Harness.RunFailed("during-attack: " + failed.getCause());
        } catch (TimeoutException stuck) {
            throw new Harness.RunFailed("during-attack did not end within " + bound.plus(GRACE).toSeconds() + " s of the attack's end");
        }
    }

    /**
     * When the attacker's next request goes: the i-th at {@code i / rate} seconds from the start (all at once
     * for rate 0), none after the count or the time is up. Paced, the attack lasts about as long as the
     * steady phase, so that the valid requests beside it are as many as there; flat out, it is over in seconds.
     */
    private BooleanSupplier attackSchedule() {
        AtomicInteger issued = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(options.attackSeconds());
        long interval = options.attackRate() == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / options.attackRate();
        return () -> {
            int i = issued.getAndIncrement();
            long due = start + i * interval;
            if (i >= options.wrongKeys() || due >= end) {
                return false;
            }
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            return System.nanoTime() < end;
        };
    }

    private Request validRequest() {
        return request(valid, options.key());
    }

    /** A new random wrong key each time, as a guesser sends. */
    private Request wrongKeyRequest() {
        String key;
        do {
            key = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
                    + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        } while (key.equals(options.key()));
        return request(attacker, key);
    }

    private Request request(HttpClient client, String key) {
        String bearer = "Bearer " + key;
        return client.newRequest(options.base().resolve(PATH)).headers(h -> h.put(HttpHeader.AUTHORIZATION, bearer))
                .timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A valid request's answer: 200 with the very body of the first (the status does not change during the test). */
    private static LoadLoop.Check sameAs(byte[] status) {
        return response -> response.getStatus() != 200 ? "status " + response.getStatus() + ": " + firstLine(response)
                : Arrays.equals(response.getContent(), status) ? null
                : "200 with a body of " + response.getContent().length + " bytes unlike the first (" + status.length + " bytes)";
    }

    private static String refused(ContentResponse response) {
        int status = response.getStatus();
        return status == 401 || status == 429 ? null : "a wrong key answered " + status + ": " + firstLine(response);
    }

    private static String firstLine(ContentResponse response) {
        String body = new String(response.getContent(), StandardCharsets.UTF_8);
        return Harness.firstLine(body.length() > 200 ? body.substring(0, 200) : body);
    }

    private int report(LoadResult warmUp, LoadResult steady, LoadResult attack, LoadResult during, String loadBefore) {
        long limit = 2 * steady.p99Nanos();
        Map<String, Boolean> targets = new LinkedHashMap<>();
        targets.put(options.clients() + " clients for " + options.seconds() + " s: no error (" + steady.errors() + "; "
                + warmUp.errors() + " in the warm-up)", steady.errors() == 0 && warmUp.errors() == 0 && steady.requests() > 0);
        targets.put(options.wrongKeys() + " wrong keys, each answered 401 or 429 (" + attack.requests() + " sent, "
                + attack.errors() + " otherwise)", attack.requests() == options.wrongKeys() && attack.errors() == 0);
        targets.put("valid requests during the attack: no error (" + during.errors() + ")", during.errors() == 0 && during.requests() > 0);
        targets.put("valid p99 during the attack " + LoadResult.ms(during.p99Nanos()) + " ms ≤ 2 × steady p99 = "
                + LoadResult.ms(limit) + " ms", during.requests() > 0 && during.p99Nanos() <= limit);
        printTable(warmUp, steady, attack, during);
        System.out.println();
        targets.forEach((what, met) -> System.out.println((met ? "PASS  " : "FAIL  ") + what));
        for (LoadResult phase : new LoadResult[] {warmUp, steady, attack, during}) {
            if (phase.firstProblem() != null) {
                System.out.println("first problem in " + phase.name() + ": " + phase.firstProblem());
            }
        }
        boolean allMet = targets.values().stream().allMatch(Boolean::booleanValue);
        System.out.printf(Locale.ROOT, "{\"warmUp\":%s,\"steady\":%s,\"attack\":%s,\"attackRate\":%d,\"duringAttack\":%s,\"p99LimitMs\":%s,\"targetsMet\":%b,\"loadBefore\":\"%s\",\"loadAfter\":\"%s\"}%n",
                warmUp.json(), steady.json(), attack.json(), options.attackRate(), during.json(), LoadResult.ms(limit), allMet, loadBefore, Harness.loadAverage());
        return allMet ? 0 : 1;
    }

    private static void printTable(LoadResult... phases) {
        System.out.println("| phase | clients | time | requests | requests/s | p50 ms | p90 ms | p99 ms | max ms | answers | errors |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (LoadResult p : phases) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f s | %d | %.0f | %s | %s | %s | %s | %s | %d |%n", p.name(), p.clients(), p.seconds(),
                    p.requests(), p.perSecond(), LoadResult.ms(p.p50Nanos()), LoadResult.ms(p.p90Nanos()), LoadResult.ms(p.p99Nanos()),
                    LoadResult.ms(p.maxNanos()), p.answers(), p.errors());
        }
    }
}

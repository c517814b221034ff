package dev.ferry.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Debian's chromium, headless, with a fresh profile and nothing fetched from the network: how the tests look at pages. */
final class HeadlessChromium {
    private HeadlessChromium() {
    }

    /** chromium on PATH (/usr/bin/chromium): a missing browser is a machine to mend, never a test to skip. */
    static Path binary() {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(p -> Path.of(p, "chromium")).filter(Files::isExecutable)
                .findFirst().orElseGet(() -> fail("chromium is not installed (no /usr/bin/chromium, none on PATH): install it with"
                        + " apt-get install chromium (bin/test does)"));
    }

    /** The page's DOM after its rendering. */
    static String dumpDom(Path scratch, String uri) throws Exception {
        return run(scratch, "--dump-dom", uri);
    }

    /** A screenshot of the page, checked to be a PNG of some substance. */
    static void screenshot(Path scratch, String uri, Path png, String windowSize) throws Exception {
        Files.deleteIfExists(png);
        run(scratch, "--screenshot=" + png, "--window-size=" + windowSize, uri);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).as("screenshot size").isGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private static String run(Path scratch, String... args) throws Exception {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as("chromium exit").isZero();
        return out;
    }
}

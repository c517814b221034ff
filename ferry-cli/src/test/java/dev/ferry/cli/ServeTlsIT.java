package dev.ferry.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code ferry serve --tls-cert --tls-key} as a real process with a self-signed pair that openssl makes,
 * as an operator would: HTTPS only on its port, a non-loopback bind allowed, the key never shown.
 */
class ServeTlsIT {
    private static final String READ_KEY = ServeAuthIT.READ_KEY;
    private static final String SQLITE = "sqlite:served.db?create=true";

    @TempDir
    Path dir;
    private X509Certificate certificate;

    @BeforeEach
    void selfSignedPairAndAMigration() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__accounts.sql"), "CREATE TABLE accounts (id int PRIMARY KEY);\n");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", "key.pem", "-out", "cert.pem").directory(dir.toFile()).redirectErrorStream(true).start();
        String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(said).isZero();
        assertThat(Files.readString(dir.resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void servesHttpsWithTheGivenCertificateAndNoPlainHttp() throws Exception {
        try (ServeProcess serve = ServeProcess.startHttps(dir, ServeAuthIT.KEYS, trusting(certificate),
                "--tls-cert", "cert.pem", "--tls-key", "key.pem", "--url", SQLITE)) {
            HttpResponse<String> health = serve.get("/api/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.uri().getScheme()).isEqualTo("https");
            assertThat(health.sslSession().orElseThrow().getPeerCertificates()[0]).as("the certificate of --tls-cert").isEqualTo(certificate);
            HttpResponse<String> migrations = serve.get("/api/migrations", READ_KEY);
            assertThat(migrations.statusCode()).as("keys as over HTTP").isEqualTo(200);
            assertThat(migrations.body()).contains("accounts", "\"PENDING\"");
            assertThat(serve.get("/api/migrations", null).statusCode()).isEqualTo(401);

            HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + "/api/health")).timeout(Duration.ofSeconds(10)).build();
            Throwable refused = catchThrowable(() -> HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString()));
            assertThat(refused).as("plain HTTP on the port gets no answer at all").isInstanceOf(IOException.class);

            serve.stop();
            assertThat(serve.err()).contains("listening on https://127.0.0.1:" + serve.port(), "GET /api/migrations 200 key=viewer");
            assertNoKeyMaterial(serve.out() + serve.err());
        }
    }

    @Test
    void aNonLoopbackBindNeedsNoInsecureBindWithTls() throws Exception {
        try (ServeProcess serve = ServeProcess.startHttps(dir, ServeAuthIT.KEYS, trusting(certificate),
                "--bind", "0.0.0.0", "--tls-cert", "cert.pem", "--tls-key", "key.pem", "--url", SQLITE)) {
            assertThat(serve.get("/api/health", null).statusCode()).isEqualTo(200);
            serve.stop();
            assertThat(serve.err()).contains("listening on https://0.0.0.0:" + serve.port()).doesNotContain("refusing");
        }

        CliRun withoutTls = CliRun.process(dir, ServeAuthIT.KEYS, "serve", "--bind", "0.0.0.0", "--url", SQLITE);
        assertThat(withoutTls.exit()).as(withoutTls.all()).isEqualTo(2);
        assertThat(withoutTls.err()).contains("refusing to listen on 0.0.0.0", "--tls-cert cert.pem --tls-key key.pem", "--insecure-bind");
    }

    /** Checked while the command reads its input: a bad TLS file exits 2 before any connection, even to a server that is not there. */
    @Test
    void aTlsMistakeIsFoundBeforeConnecting() throws Exception {
        Files.writeString(dir.resolve("not.pem"), "not a key\n");
        String unreachable = "postgres://app@127.0.0.1:1/x";

        CliRun oneFile = CliRun.inProcess(dir, ServeAuthIT.KEYS, "serve", "--tls-cert", "cert.pem", "--url", unreachable);
        CliRun notPem = CliRun.inProcess(dir, ServeAuthIT.KEYS, "serve", "--tls-cert", "cert.pem", "--tls-key", "not.pem", "--url", unreachable);

        assertThat(oneFile.exit()).as(oneFile.all()).isEqualTo(2);
        assertThat(oneFile.err()).contains("--tls-cert is given without --tls-key", "hint: ", "openssl req -x509").doesNotContain("127.0.0.1:1");
        assertThat(notPem.exit()).as(notPem.all()).isEqualTo(2);
        assertThat(notPem.err()).contains("the key file " + dir.resolve("not.pem") + " is not a PEM file").doesNotContain("127.0.0.1:1", "Exception");
    }

    private void assertNoKeyMaterial(String output) throws IOException {
        List<String> keyLines = Files.readAllLines(dir.resolve("key.pem")).stream().filter(line -> !line.startsWith("-----")).toList();
        assertThat(keyLines).hasSizeGreaterThan(10);
        assertThat(output).doesNotContain(keyLines.toArray(String[]::new)).doesNotContain(READ_KEY, ServeAuthIT.RUN_KEY);
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ferry-serve", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}

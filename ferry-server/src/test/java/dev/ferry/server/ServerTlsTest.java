package dev.ferry.server;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** ferry serve --tls-cert/--tls-key: PEM files in the forms openssl writes are served; every mistake is named without the key. */
class ServerTlsTest {
    private static PemPair rsa;
    private static PemPair otherRsa;
    private static PemPair ec;

    @TempDir
    Path dir;

    @BeforeAll
    static void pairs() throws Exception {
        rsa = PemPair.rsa();
        otherRsa = PemPair.rsa();
        ec = PemPair.ec();
    }

    @Test
    void servesHttpsOnlyWithAPkcs8KeyAndItsCertificate() throws Exception {
        Optional<ServerTls> tls = ServerTls.fromPem(dir, rsa.writeCertificate(dir.resolve("cert.pem")).getFileName(),
                rsa.writePkcs8Key(dir.resolve("key.pem")).getFileName());
        ServerOptions options = new ServerOptions("127.0.0.1", 0, false, 10, tls);
        List<String> log = new ArrayList<>();
        try (FerryServer server = FerryServer.start(options, ApiKeys.fromEnvironment("ops:run:0123456789abcdef01"), null,
                UnaryOperator.identity(), log::add, null)) {
            HttpResponse<String> health = trusting(rsa).send(get("https", server.port()), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(rsa.certificate());
            ThrowingCallable plain = () -> HttpClient.newHttpClient().send(get("http", server.port()), HttpResponse.BodyHandlers.ofString());
            assertThatThrownBy(plain).as("plain HTTP on the TLS port gets no answer").isInstanceOf(IOException.class);
        }
        assertThat(options.scheme()).isEqualTo("https");
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("GET /api/health 200"));
    }

    @Test
    void readsTheTraditionalRsaAndEcKeyFormsToo() throws Exception {
        assertThat(ServerTls.fromPem(dir, rsa.writeCertificate(dir.resolve("rsa.pem")), rsa.writeTraditionalKey(dir.resolve("rsa.key")))).isPresent();
        assertThat(Files.readString(dir.resolve("rsa.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(ServerTls.fromPem(dir, ec.writeCertificate(dir.resolve("ec.pem")), ec.writeTraditionalKey(dir.resolve("ec.key")))).isPresent();
        assertThat(Files.readString(dir.resolve("ec.key"))).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(ServerTls.fromPem(dir, ec.writeCertificate(dir.resolve("ec.pem")), ec.writePkcs8Key(dir.resolve("ec8.key")))).isPresent();
    }

    @Test
    void oneFileWithAnotherTextAroundItAndTheKeyInTheSameFileAreRead() throws Exception {
        Path both = dir.resolve("both.pem");
        Files.writeString(both, "subject=CN=localhost\n" + Files.readString(rsa.writeCertificate(dir.resolve("c.pem")))
                + "\n" + Files.readString(rsa.writePkcs8Key(dir.resolve("k.pem"))));
        assertThat(ServerTls.fromPem(dir, both, both)).isPresent();
    }

    @Test
    void neitherFileMeansPlainHttpAndOneWithoutTheOtherIsAUsageError() throws Exception {
        assertThat(ServerTls.fromPem(dir, null, null)).isEmpty();
        Path cert = rsa.writeCertificate(dir.resolve("cert.pem"));
        Path key = rsa.writePkcs8Key(dir.resolve("key.pem"));

        assertRefused(() -> ServerTls.fromPem(dir, cert, null), ErrorCode.USAGE, "--tls-cert is given without --tls-key", "openssl req -x509");
        assertRefused(() -> ServerTls.fromPem(dir, null, key), ErrorCode.USAGE, "--tls-key is given without --tls-cert", "--tls-cert cert.pem");
    }

    @Test
    void aMissingOrUnreadableFileIsNamed() throws Exception {
        Path key = rsa.writePkcs8Key(dir.resolve("key.pem"));
        Path cert = rsa.writeCertificate(dir.resolve("cert.pem"));

        assertRefused(() -> ServerTls.fromPem(dir, Path.of("nope.pem"), key), ErrorCode.FILE_NOT_FOUND,
                "the certificate file " + dir.resolve("nope.pem") + " does not exist", "openssl req -x509");
        assertRefused(() -> ServerTls.fromPem(dir, cert, Path.of("nope.key")), ErrorCode.FILE_NOT_FOUND,
                "the key file " + dir.resolve("nope.key") + " does not exist");
        Files.createDirectory(dir.resolve("certs"));
        assertRefused(() -> ServerTls.fromPem(dir, Path.of("certs"), key), ErrorCode.CONFIG, "cannot read the certificate file " + dir.resolve("certs"));
    }

    @Test
    void aFileThatIsNotPemIsNamedWithHowToMakeOne() throws Exception {
        Path key = rsa.writePkcs8Key(dir.resolve("key.pem"));
        Path cert = rsa.writeCertificate(dir.resolve("cert.pem"));
        Path text = Files.writeString(dir.resolve("cert.txt"), "this is not a certificate\n");
        Path der = Files.write(dir.resolve("cert.der"), rsa.certificate().getEncoded());
        Path broken = Files.writeString(dir.resolve("broken.pem"), Files.readString(key).replaceFirst("\n[A-Za-z0-9+/]{10}", "\n!!!!!!!!!!"));

        assertRefused(() -> ServerTls.fromPem(dir, text, key), ErrorCode.CONFIG, "the certificate file " + text + " is not a PEM file", "no -----BEGIN");
        assertRefused(() -> ServerTls.fromPem(dir, der, key), ErrorCode.CONFIG, "the certificate file " + der + " is not a PEM file", "-inform der");
        assertRefused(() -> ServerTls.fromPem(dir, cert, broken), ErrorCode.CONFIG, "the key file " + broken + " is not a PEM file Ferry can read: its BEGIN PRIVATE KEY block cannot be decoded");
        Path openSsh = Files.writeString(dir.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n");
        assertRefused(() -> ServerTls.fromPem(dir, cert, openSsh), ErrorCode.CONFIG, "its BEGIN OPENSSH PRIVATE KEY block cannot be decoded", "openssl req -x509");
        assertRefused(() -> ServerTls.fromPem(dir, cert, Files.writeString(dir.resolve("empty.key"), "")), ErrorCode.CONFIG, "empty.key is not a PEM file");
    }

    @Test
    void swappedFilesAreRecognised() throws Exception {
        Path key = rsa.writePkcs8Key(dir.resolve("key.pem"));
        Path cert = rsa.writeCertificate(dir.resolve("cert.pem"));

        assertRefused(() -> ServerTls.fromPem(dir, key, cert), ErrorCode.CONFIG,
                "the certificate file " + key + " holds no CERTIFICATE block but a private key: were --tls-cert and --tls-key swapped?");
        assertRefused(() -> ServerTls.fromPem(dir, cert, cert), ErrorCode.CONFIG,
                "the key file " + cert + " holds no PRIVATE KEY block but a certificate: were --tls-cert and --tls-key swapped?");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingBothFiles() throws Exception {
        Path cert = rsa.writeCertificate(dir.resolve("cert.pem"));
        Path otherKey = otherRsa.writePkcs8Key(dir.resolve("other.key"));
        Path ecKey = ec.writePkcs8Key(dir.resolve("ec.key"));

        assertRefused(() -> ServerTls.fromPem(dir, cert, otherKey), ErrorCode.CONFIG,
                "the private key in " + otherKey + " is not the key of the certificate in " + cert + " (CN=localhost)", "openssl pkey -pubout");
        assertRefused(() -> ServerTls.fromPem(dir, cert, ecKey), ErrorCode.CONFIG, "is not the key of the certificate");
        assertThat(ServerTls.belongTogether(rsa.keys().getPrivate(), rsa.certificate().getPublicKey())).isTrue();
        assertThat(ServerTls.belongTogether(otherRsa.keys().getPrivate(), rsa.certificate().getPublicKey())).isFalse();
    }

    @Test
    void anEncryptedKeyIsRefusedWithHowToDecryptIt() throws Exception {
        Path cert = rsa.writeCertificate(dir.resolve("cert.pem"));
        Path key = rsa.writeEncryptedKey(dir.resolve("key.pem"));
        assertThat(Files.readString(key)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        assertRefused(() -> ServerTls.fromPem(dir, cert, key), ErrorCode.CONFIG, "holds an encrypted private key", "openssl pkey -in " + key);
    }

    @Test
    void aNonLoopbackBindNeedsTlsOrInsecureBind() throws Exception {
        Optional<ServerTls> tls = ServerTls.fromPem(dir, rsa.writeCertificate(dir.resolve("cert.pem")), rsa.writePkcs8Key(dir.resolve("key.pem")));

        assertThat(new ServerOptions("0.0.0.0", 8642, false, 10, tls).bind()).isEqualTo("0.0.0.0");
        assertThat(new ServerOptions("0.0.0.0", 8642, true, 10).scheme()).isEqualTo("http");
        FerryException refused = catchThrowableOfType(FerryException.class, () -> new ServerOptions("0.0.0.0", 8642, false, 10));
        assertThat(refused.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(refused.getMessage()).contains("refusing to listen on 0.0.0.0", "without TLS");
        assertThat(refused.hint()).hasValueSatisfying(hint -> assertThat(hint).contains("--tls-cert", "--tls-key", "--insecure-bind"));
    }

    /** Refused with the code, the fragments in message or hint, and no key material anywhere. */
    private static void assertRefused(ThrowingCallable call, ErrorCode code, String... fragments) {
        FerryException refused = catchThrowableOfType(FerryException.class, call);
        assertThat(refused).as("refused").isNotNull();
        String shown = refused.getMessage() + "\nhint: " + refused.hint().orElse("");
        assertThat(refused.code()).as(shown).isEqualTo(code);
        assertThat(refused.hint()).as(shown).isPresent();
        assertThat(shown).contains(fragments).doesNotContain(rsa.keyMaterial(), otherRsa.keyMaterial(), ec.keyMaterial(), "PRIVATE KEY-----");
        assertThat(refused.getCause()).as("no parser's message, which may quote the file").isNull();
    }

    private static HttpRequest get(String scheme, int port) {
        return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/api/health")).timeout(Duration.ofSeconds(10)).build();
    }

    private static HttpClient trusting(PemPair pair) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ferry-test", pair.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }
}

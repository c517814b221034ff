package dev.ferry.server;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * HTTPS for {@code ferry serve --tls-cert FILE --tls-key FILE}: the PEM certificate chain and its key,
 * checked when the command reads its input (before any database connection) and served by Jetty's own
 * {@link SslContextFactory.Server} on the one port, with no plain HTTP beside it.
 *
 * <pre>{@code
 * Optional<ServerTls> tls = ServerTls.fromPem(workDir, Path.of("cert.pem"), Path.of("key.pem"));
 * new ServerOptions("0.0.0.0", 8642, false, 10, tls); // a non-loopback bind needs no --insecure-bind with TLS
 * }</pre>
 */
public final class ServerTls {
    private static final String ALIAS = "ferry-serve";

    private final KeyStore keyStore;
    private final String password;

    private ServerTls(KeyStore keyStore, String password) {
        this.keyStore = keyStore;
        this.password = password;
    }

    /**
     * The TLS of the two files, resolved against {@code workDir}; empty when neither is given. One without
     * the other, a file that is missing or not PEM, and a key that is not the certificate's are refused.
     */
    public static Optional<ServerTls> fromPem(Path workDir, Path certFile, Path keyFile) {
        if (certFile == null && keyFile == null) {
            return Optional.empty();
        }
        if (certFile == null || keyFile == null) {
            throw new FerryException(ErrorCode.USAGE, (certFile == null ? "--tls-key is given without --tls-cert" : "--tls-cert is given without --tls-key")
                    + ": HTTPS needs the certificate and its private key",
                    "pass both, as PEM files: --tls-cert cert.pem --tls-key key.pem; a self-signed pair for a test: " + PemFiles.SELF_SIGNED);
        }
        Path cert = workDir.resolve(certFile);
        Path key = workDir.resolve(keyFile);
        List<X509Certificate> chain = PemFiles.chain(cert);
        PrivateKey privateKey = PemFiles.key(key);
        if (!belongTogether(privateKey, chain.get(0).getPublicKey())) {
            throw new FerryException(ErrorCode.CONFIG, "the private key in " + key + " is not the key of the certificate in " + cert
                    + " (" + chain.get(0).getSubjectX500Principal().getName() + ")",
                    "pass the key the certificate was made with: openssl x509 -noout -pubkey -in " + cert + " and openssl pkey -pubout -in " + key
                            + " print the same public key when they belong together");
        }
        return Optional.of(keyStore(privateKey, chain));
    }

    /** The one connector Javalin then listens on (it adds its plain HTTP one only when none is given). */
    public BiFunction<Server, HttpConfiguration, Connector> connector(String host, int port) {
        return (server, http) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(keyStore);
            ssl.setKeyStorePassword(password);
            HttpConfiguration https = new HttpConfiguration(http);
            https.addCustomizer(new SecureRequestCustomizer());
            ServerConnector connector = new ServerConnector(server,
                    new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
            connector.setHost(host);
            connector.setPort(port);
            return connector;
        };
    }

    /**
     * Whether the key signs what the certificate's public key verifies: one test for RSA, EC and EdDSA
     * keys alike, where comparing key fields would need a branch per algorithm.
     */
    static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
        String algorithm = signatureAlgorithm(privateKey);
        if (!algorithm.equals(signatureAlgorithm(publicKey))) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException | RuntimeException unusable) {
            return false;
        }
    }

    private static String signatureAlgorithm(Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            default -> throw new FerryException(ErrorCode.UNSUPPORTED, "ferry serve cannot use a " + key.getAlgorithm() + " key for TLS",
                    "use an RSA, EC or Ed25519 key; a self-signed pair for a test: " + PemFiles.SELF_SIGNED);
        };
    }

    /** An in-memory key store for Jetty, under a password made for this run and kept nowhere else. */
    private static ServerTls keyStore(PrivateKey key, List<X509Certificate> chain) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(X509Certificate[]::new));
            return new ServerTls(store, password);
        } catch (GeneralSecurityException | IOException unusable) {
            throw new FerryException(ErrorCode.CONFIG, "the certificate chain and key cannot be put together for TLS: "
                    + unusable.getClass().getSimpleName(), "make them again with openssl; a self-signed pair for a test: " + PemFiles.SELF_SIGNED);
        }
    }
}

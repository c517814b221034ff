package dev.ferry.server;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the certificate chain and the private key of {@code ferry serve --tls-cert/--tls-key} from PEM
 * files, in every form openssl writes (PKCS#8 {@code PRIVATE KEY}, {@code RSA PRIVATE KEY},
 * {@code EC PRIVATE KEY}), with BouncyCastle's PEMParser rather than by hand. Every mistake names the
 * file and what was found in it, never its content: a key file's bytes must not reach any message,
 * so no parser exception is passed on either.
 */
final class PemFiles {
    /** The command that makes a working pair, for hints. */
    static final String SELF_SIGNED = "openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=localhost"
            + " -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout key.pem -out cert.pem";

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----");

    private PemFiles() {
    }

    /** The certificates of {@code file}, the server's own first, as a web server's chain file holds them. */
    static List<X509Certificate> chain(Path file) {
        List<Object> blocks = blocks(file, "certificate file");
        List<X509Certificate> chain = new ArrayList<>();
        for (Object block : blocks) {
            if (block instanceof X509CertificateHolder holder) {
                chain.add(certificate(file, holder));
            }
        }
        if (chain.isEmpty()) {
            boolean key = blocks.stream().anyMatch(PemFiles::isKey);
            throw new FerryException(ErrorCode.CONFIG, "the certificate file " + file + " holds no CERTIFICATE block"
                    + (key ? " but a private key: were --tls-cert and --tls-key swapped?" : ""),
                    "--tls-cert takes the PEM certificate (chain) and --tls-key its private key; a self-signed pair for a test: " + SELF_SIGNED);
        }
        return List.copyOf(chain);
    }

    /** The first private key of {@code file}; an encrypted one is refused, as ferry serve asks for no passphrase. */
    static PrivateKey key(Path file) {
        List<Object> blocks = blocks(file, "key file");
        for (Object block : blocks) {
            if (block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair) {
                throw new FerryException(ErrorCode.CONFIG, "the key file " + file + " holds an encrypted private key, and ferry serve asks for no passphrase",
                        "write it unencrypted to a file only the server's user can read: openssl pkey -in " + file + " -out key.pem && chmod 600 key.pem");
            }
            if (block instanceof PrivateKeyInfo || block instanceof PEMKeyPair) {
                return privateKey(file, block);
            }
        }
        boolean certificate = blocks.stream().anyMatch(X509CertificateHolder.class::isInstance);
        throw new FerryException(ErrorCode.CONFIG, "the key file " + file + " holds no PRIVATE KEY block"
                + (certificate ? " but a certificate: were --tls-cert and --tls-key swapped?" : ""),
                "--tls-key takes the PEM private key (BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY) of the certificate; a self-signed pair for a test: "
                        + SELF_SIGNED);
    }

    private static boolean isKey(Object block) {
        return block instanceof PrivateKeyInfo || block instanceof PEMKeyPair
                || block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair;
    }

    /** Every PEM block of the file, decoded; text around the blocks is skipped, as openssl does. */
    private static List<Object> blocks(Path file, String what) {
        String text = read(file, what);
        List<Object> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException undecodable) { // its message may quote the block: not passed on
            throw notPem(file, what, "is not a PEM file Ferry can read: its " + String.join(", ", labels(text)) + " block cannot be decoded as a certificate or key");
        }
        if (blocks.isEmpty()) {
            throw notPem(file, what, "is not a PEM file: it has no -----BEGIN ...----- block");
        }
        return blocks;
    }

    /** The labels of the file's BEGIN lines (OPENSSH PRIVATE KEY, CERTIFICATE...): what it holds, shown without its content. */
    private static List<String> labels(String text) {
        return BEGIN.matcher(text).results().map(begin -> "BEGIN " + begin.group(1)).distinct().toList();
    }

    private static String read(Path file, String what) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1); // PEM is ASCII; anything else is found not PEM
        } catch (NoSuchFileException missing) {
            throw new FerryException(ErrorCode.FILE_NOT_FOUND, "the " + what + " " + file + " does not exist",
                    "give the path of a PEM file; a self-signed pair for a test: " + SELF_SIGNED);
        } catch (AccessDeniedException denied) {
            throw new FerryException(ErrorCode.CONFIG, "cannot read the " + what + " " + file + ": permission denied",
                    "let the user that runs ferry serve read it (and no one else, for a key): chmod 600 " + file);
        } catch (IOException unreadable) { // a directory, a device: the message says what, not what the file holds
            throw new FerryException(ErrorCode.CONFIG, "cannot read the " + what + " " + file + ": " + unreadable.getMessage(),
                    "give the path of a PEM file; a self-signed pair for a test: " + SELF_SIGNED);
        }
    }

    private static FerryException notPem(Path file, String what, String found) {
        return new FerryException(ErrorCode.CONFIG, "the " + what + " " + file + " " + found,
                "PEM is text between -----BEGIN CERTIFICATE----- (or PRIVATE KEY) and -----END ...----- lines; a DER (binary) file converts with"
                        + " openssl x509 -inform der -in cert.der -out cert.pem (a key: openssl pkey -inform der ...); a self-signed pair for a test: "
                        + SELF_SIGNED);
    }

    private static X509Certificate certificate(Path file, X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException unusable) {
            throw new FerryException(ErrorCode.CONFIG, "the certificate file " + file + " holds a certificate Java cannot use ("
                    + holder.getSubject() + ")", "make it again with openssl; a self-signed pair for a test: " + SELF_SIGNED);
        }
    }

    private static PrivateKey privateKey(Path file, Object block) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            return converter.getPrivateKey(block instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : (PrivateKeyInfo) block);
        } catch (IOException | RuntimeException unusable) { // its message may quote the key: not passed on
            throw new FerryException(ErrorCode.CONFIG, "the key file " + file + " holds a private key of a kind Java cannot use",
                    "use an RSA, EC or Ed25519 key; a self-signed pair for a test: " + SELF_SIGNED);
        }
    }
}

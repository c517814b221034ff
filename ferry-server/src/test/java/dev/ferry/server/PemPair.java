package dev.ferry.server;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** A self-signed certificate for 127.0.0.1 and localhost with its key, made in the test, written as PEM in the forms openssl writes. */
record PemPair(KeyPair keys, X509Certificate certificate) {

    static PemPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return selfSigned(generator.generateKeyPair(), "SHA256withRSA");
    }

    /** BouncyCastle's EC keys (not the JDK's) carry their curve inside the key, as openssl's EC PRIVATE KEY does. */
    static PemPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return selfSigned(generator.generateKeyPair(), "SHA256withECDSA");
    }

    private static PemPair selfSigned(KeyPair keys, String signature) throws Exception {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=localhost");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName[]{new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
        return new PemPair(keys, certificate);
    }

    Path writeCertificate(Path file) throws Exception {
        return write(file, pem(certificate));
    }

    /** PKCS#8: BEGIN PRIVATE KEY, as openssl req -newkey and openssl genpkey write it. */
    Path writePkcs8Key(Path file) throws Exception {
        return write(file, pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
    }

    /** The traditional form: BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY (openssl genrsa, openssl ecparam -genkey). */
    Path writeTraditionalKey(Path file) throws Exception {
        return write(file, pem(keys.getPrivate()));
    }

    /** BEGIN ENCRYPTED PRIVATE KEY, under a passphrase. */
    Path writeEncryptedKey(Path file) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword("passphrase".toCharArray()).build();
        return write(file, pem(new JcaPKCS8Generator(keys.getPrivate(), encryptor)));
    }

    /** A run of the key's base64, which no message may show. */
    String keyMaterial() {
        String base64 = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
        return base64.substring(base64.length() - 44, base64.length() - 4); // the key's last bytes, past any fixed header
    }

    private static String pem(Object value) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (value instanceof PemObjectGenerator generator) {
                writer.writeObject(generator);
            } else {
                writer.writeObject(value);
            }
        }
        return text.toString();
    }

    private static Path write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        return file;
    }
}

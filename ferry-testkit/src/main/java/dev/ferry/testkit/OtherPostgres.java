package dev.ferry.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * An embedded PostgreSQL of another major version than the shared one, from a zonky binaries jar
 * that the build copied beside the tests (see ferry-cli's pom). Used where a test needs the server
 * to match a client tool, such as Debian's pg_dump 15.
 */
public final class OtherPostgres {
    private OtherPostgres() {
    }

    /** Starts a server from the binaries jar named by the system property; stop it with close(). */
    public static EmbeddedPostgres start(String binariesProperty) {
        String jar = System.getProperty(binariesProperty);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property " + binariesProperty + " must name a zonky binaries jar; run the tests with bin/test");
        }
        try {
            return EmbeddedPostgres.builder().setPgBinaryResolver((system, machine) -> txz(Path.of(jar))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL from " + jar, e);
        }
    }

    private static InputStream txz(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IOException(jar + " holds no PostgreSQL .txz archive"));
            try (InputStream in = file.getInputStream(entry)) {
                return new ByteArrayInputStream(in.readAllBytes());
            }
        }
    }
}

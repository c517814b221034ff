package dev.ferry.postgres;

import dev.ferry.connect.DirectoryTrees;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A data directory per server major version, initialised once per machine and copied for each shadow
 * server: initdb takes about a second, a copy of its result a tenth of that, so diffs, drift checks,
 * verifications and rehearsals start their scratch servers faster and more evenly. The template is a
 * server started once and stopped cleanly, made under a lock of its own (the .lock beside a data
 * directory is its server's), so that processes starting at the same time make it once; it is marked
 * complete last, so that a process killed while making it leaves one that the next process makes again.
 */
final class ShadowTemplates {
    private static final String COMPLETE = ".ferry-template-complete";
    /** What a running server leaves in its directory and a copy must not inherit. */
    private static final Set<String> LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", COMPLETE);

    private final Path root;

    ShadowTemplates(Path root) {
        this.root = root;
    }

    static ShadowTemplates defaults() {
        return new ShadowTemplates(Path.of(System.getProperty("user.home"), ".ferry", "cache", "postgres-templates"));
    }

    /** A new data directory at {@code target} (not there yet), initialised as a server of {@code major} (0: the bundled one) would be. */
    void copyInto(Path target, int major, PgBinaryResolver binaries) {
        Path template = ready(major, binaries);
        try (Stream<Path> files = Files.walk(template)) {
            for (Path from : files.filter(f -> !LEFT_OUT.contains(f.getFileName().toString())).toList()) {
                Files.copy(from, target.resolve(template.relativize(from).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the shadow server's template " + template + " to " + target, e);
        }
    }

    private Path ready(int major, PgBinaryResolver binaries) {
        Path template = root.resolve("pg" + (major > 0 ? major : "bundled"));
        try {
            Files.createDirectories(root);
            try (FileChannel lockFile = FileChannel.open(root.resolve(template.getFileName() + ".making"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!Files.exists(template.resolve(COMPLETE))) {
                    make(template, binaries);
                }
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.CONNECT, "cannot prepare a shadow PostgreSQL under " + root + ": " + e.getMessage(),
                    "check that the directory is writable", e);
        }
        return template;
    }

    /** initdb through a first start, then a clean stop; the marker only once the directory is whole. */
    private static void make(Path template, PgBinaryResolver binaries) throws IOException {
        DirectoryTrees.delete(template);
        EmbeddedPostgresServer.startOrReuse(template, binaries).close();
        if (Files.exists(template.resolve("postmaster.pid"))) {
            throw new IOException("the template server in " + template + " did not stop");
        }
        Files.writeString(template.resolve(COMPLETE), "");
    }
}

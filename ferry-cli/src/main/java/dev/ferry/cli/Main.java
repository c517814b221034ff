package dev.ferry.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** The {@code ferry} executable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        configureLogging(Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose"));
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        FerryCli cli = new FerryCli(System.getenv(), Path.of("").toAbsolutePath(), stdout, stderr, System.console() != null, System.in);
        // Libraries write to System.out/err directly (slf4j-simple, JDBC drivers): same mask for them.
        System.setOut(new PrintStream(new RedactingOutputStream(stdout, cli.mask()), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new RedactingOutputStream(stderr, cli.mask()), true, StandardCharsets.UTF_8));
        int exit = cli.run(args);
        System.out.flush();
        System.err.flush();
        System.exit(exit);
    }

    /** slf4j-simple reads its settings once, when the first logger is made: set them before that. */
    private static void configureLogging(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    }
}

package dev.ferry.data;

/** What a data migration's {@code verify} found: passed or not, and what it saw. */
public record Verdict(boolean passed, String detail) {
    public static Verdict pass(String detail) {
        return new Verdict(true, detail);
    }

    public static Verdict fail(String detail) {
        return new Verdict(false, detail);
    }
}

package dev.ferry.report;

/** Terminal colours, off when output is not a terminal, with --no-color, or when NO_COLOR is set. */
public record Ansi(boolean enabled) {
    public static final Ansi OFF = new Ansi(false);

    public String green(String s) {
        return wrap("32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}

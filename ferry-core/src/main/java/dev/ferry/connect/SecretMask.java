package dev.ferry.connect;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The secrets one Ferry run knows (passwords from URLs, secret-looking values from the environment
 * and the env file), masked in any text handed to {@link #apply}. The CLI puts every byte of its
 * output through one of these, so a secret that slips into a driver's message is still not shown.
 */
public final class SecretMask {
    /** Shorter values would mask ordinary words; such passwords are still masked inside URLs. */
    static final int MIN_LENGTH = 4;

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    /** Remembers a secret value; blank and very short values are ignored. */
    public void add(String secret) {
        if (secret == null || secret.strip().length() < MIN_LENGTH || secrets.contains(secret)) {
            return;
        }
        secrets.add(secret);
        // Longest first, so a secret that contains another is masked whole.
        Set<String> sorted = new LinkedHashSet<>(secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
        secrets.clear();
        secrets.addAll(sorted);
    }

    /** Remembers the password of a URL. */
    public void add(DatabaseUrl url) {
        url.password().ifPresent(this::add);
    }

    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = Redaction.redactUrls(text);
        for (String s : secrets) {
            out = out.replace(s, Redaction.MASK);
        }
        return out;
    }
}

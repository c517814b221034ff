package dev.ferry.spi;

import dev.ferry.connect.DatabaseUrl;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import java.util.List;
import java.util.ServiceLoader;

/** The dialect plug-ins on the class path, found once through {@link ServiceLoader}. */
public final class Dialects {
    private final List<Dialect> dialects;

    private Dialects(List<Dialect> dialects) {
        this.dialects = List.copyOf(dialects);
    }

    public static Dialects load() {
        return new Dialects(ServiceLoader.load(Dialect.class, Dialects.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    public static Dialects of(Dialect... dialects) {
        return new Dialects(List.of(dialects));
    }

    public List<Dialect> all() {
        return dialects;
    }

    public Dialect forUrl(DatabaseUrl url) {
        return dialects.stream().filter(d -> d.supports(url)).findFirst()
                .orElseThrow(() -> new FerryException(ErrorCode.UNSUPPORTED,
                        "no Ferry plug-in for " + url.engine().displayName() + " (" + url.form().name().toLowerCase() + ") is installed: cannot use " + url.redacted(),
                        "supported here: " + String.join(", ", dialects.stream().map(Dialect::name).toList())));
    }

    /** Opens the database a URL names with the dialect that serves it. */
    public Database open(DatabaseUrl url) {
        return forUrl(url).open(url);
    }
}

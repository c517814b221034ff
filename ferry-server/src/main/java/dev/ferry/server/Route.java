package dev.ferry.server;

import io.javalin.http.Context;

/**
 * One route of the API: method, path, the role it needs (null: no key, as for health and the
 * OpenAPI file) and what it answers. Every route goes through the same key check in {@link FerryServer}
 * before its handler runs.
 */
record Route(String method, String path, Role required, Handler handler) {

    /** Answers a request that passed the key check; {@code key} is null on an open route. */
    @FunctionalInterface
    interface Handler {
        void handle(Context ctx, ApiKey key) throws Exception;
    }

    boolean open() {
        return required == null;
    }
}

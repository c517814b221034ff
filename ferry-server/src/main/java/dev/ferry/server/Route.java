package dev.ferry.server;

/**
 * One route of the API: method, path, the role it needs (null: no key, as for health and the
 * OpenAPI file) and what it answers. Every route goes through the same key check in {@link FerryServer}.
 */
record Route(String method, String path, Role required, Answer answer) {

    /** The JSON body of a successful answer. */
    @FunctionalInterface
    interface Answer {
        String json() throws Exception;
    }

    boolean open() {
        return required == null;
    }
}

package dev.ferry.connect;

/**
 * How a database is reached: over the network, as a local file, as a PostgreSQL that Ferry starts
 * itself, or inside a Docker container (dump and restore run there).
 */
public enum UrlForm {
    NETWORK,
    FILE,
    EMBEDDED,
    DOCKER
}

package dev.ferry.env;

/**
 * The environment a command runs as: its name from {@code --env} (or {@code --from}/{@code --to}
 * naming an environment of ferry.yaml), its {@code shared} flag there, and the host it runs on.
 */
public record Claimant(String name, boolean shared, String host) {
}

package dev.ferry.connect;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One named environment of ferry.yaml. The URL is kept as written ({@code ${VAR}} unexpanded)
 * so that an environment whose variables are not set only fails when it is used.
 *
 * @param url         the database URL template
 * @param isProtected writes need {@code --yes} or the typed name
 * @param shared      another environment may point at the same database on purpose
 */
public record EnvironmentConfig(
        @JsonProperty(value = "url", required = true) String url,
        @JsonProperty("protected") Boolean isProtected,
        @JsonProperty("shared") Boolean shared) {

    public EnvironmentConfig {
        isProtected = Boolean.TRUE.equals(isProtected);
        shared = Boolean.TRUE.equals(shared);
    }
}

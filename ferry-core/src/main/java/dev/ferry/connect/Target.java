package dev.ferry.connect;

import java.util.Optional;

/**
 * The database a command works on, and where its URL came from (for messages such as
 * "using DATABASE_URL: postgres://app:***@db/shop").
 */
public record Target(DatabaseUrl url, String source, Optional<String> environment, boolean isProtected) {
}

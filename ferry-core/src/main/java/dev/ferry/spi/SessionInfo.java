package dev.ferry.spi;

/**
 * @param pid             server process or connection id
 * @param user            the session's user
 * @param applicationName as the client set it, may be empty
 * @param clientAddress   null for local socket connections
 * @param state           e.g. "idle", "active"
 */
public record SessionInfo(long pid, String user, String applicationName, String clientAddress, String state) {

    /** "pid 4242 (app web, 10.0.0.5, idle)", for messages. */
    public String describe() {
        return "pid " + pid + " (user " + user
                + (applicationName == null || applicationName.isEmpty() ? "" : ", application " + applicationName)
                + (clientAddress == null ? ", local" : ", " + clientAddress)
                + (state == null ? "" : ", " + state) + ")";
    }
}

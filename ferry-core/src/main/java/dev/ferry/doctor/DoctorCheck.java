package dev.ferry.doctor;

/**
 * One line of {@code ferry doctor}.
 *
 * @param name   what was checked, e.g. "connection", "pg_dump"
 * @param status the verdict
 * @param detail what was found
 * @param hint   what to do about it, null when nothing
 */
public record DoctorCheck(String name, CheckStatus status, String detail, String hint) {
}

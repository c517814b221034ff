package dev.ferry.doctor;

import dev.ferry.error.FerryException;

/**
 * One line of {@code ferry doctor}.
 *
 * @param name   what was checked, e.g. "connection", "pg_dump"
 * @param status the verdict
 * @param detail what was found
 * @param hint   what to do about it, null when nothing
 */
public record DoctorCheck(String name, CheckStatus status, String detail, String hint) {

    /** A check that could not be made is a failed one: the preflight cannot vouch for what it could not see. */
    static DoctorCheck failed(String name, FerryException e) {
        return new DoctorCheck(name, CheckStatus.FAIL, e.getMessage(), e.hint().orElse(null));
    }
}

package dev.ferry.doctor;

/** OK passes; WARN is worth knowing but does not fail the run; FAIL makes doctor exit 1. */
public enum CheckStatus {
    OK,
    WARN,
    FAIL
}

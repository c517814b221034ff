package dev.ferry.doctor;

/**
 * OK passes; INFO is a fact to show that neither passes nor fails (the target is empty, a check was
 * not asked for); WARN is worth knowing but does not fail the run; FAIL makes doctor exit 1.
 */
public enum CheckStatus {
    OK,
    INFO,
    WARN,
    FAIL
}

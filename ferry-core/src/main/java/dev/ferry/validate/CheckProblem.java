package dev.ferry.validate;

/** Why a check could not look at what it names (a missing table or column): the check fails with this message. */
final class CheckProblem extends Exception {
    private static final long serialVersionUID = 1L;

    CheckProblem(String message) {
        super(message, null, false, false);
    }
}

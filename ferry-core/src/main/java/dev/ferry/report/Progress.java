package dev.ferry.report;

/**
 * Told how far a long operation has come. The CLI shows it on a terminal (what, done of total,
 * rate, time left) and ignores it elsewhere; services call it and never print.
 */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void update(String what, long done, long total) {
            // nobody is watching
        }

        @Override
        public void finish() {
            // nothing was shown
        }
    };

    /** {@code done} of {@code total} units so far (a total of 0: not known), now working on {@code what}. */
    void update(String what, long done, long total);

    /** The operation ended (successfully or not): clear whatever was shown. */
    void finish();
}

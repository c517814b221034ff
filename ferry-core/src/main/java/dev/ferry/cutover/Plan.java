package dev.ferry.cutover;

import java.nio.file.Path;
import java.util.List;

/**
 * A cutover plan, read and checked by {@link PlanFile}: the two databases, the steps in order, the steps
 * that undo the run when a step after the point of no return fails, and that point.
 *
 * @param source         {@code source:} of the file, as written ({@code env} or {@code url})
 * @param target         {@code target:} likewise
 * @param pointOfNoReturn the index in {@code steps} from which a failure runs {@code rollback}
 * @param checksum       of the file's text: a resumed run refuses a plan edited since it started
 */
public record Plan(Path file, Endpoint source, Endpoint target, List<Step> steps, List<Step> rollback, int pointOfNoReturn, String checksum) {

    public Plan {
        steps = List.copyOf(steps);
        rollback = List.copyOf(rollback);
    }

    /** {@code source:} or {@code target:} of a plan: an environment of ferry.yaml, or a URL (which may hold ${VARIABLES}). */
    public record Endpoint(String environment, String url) {

        /** How --env/--url would take it. */
        public String reference() {
            return environment != null ? environment : url;
        }
    }
}

package dev.ferry.fault;

import java.util.HashMap;
import java.util.Map;

/**
 * Named moments where a crash would hurt most, so that crash tests stop the process exactly there
 * instead of hoping a random {@code kill -9} lands on them. {@code FERRY_FAULT=NAME} stops the
 * process the first time NAME is reached, {@code FERRY_FAULT=NAME:3} the third time (a count that
 * is not a number counts as the first); several
 * points are separated by commas. The process halts at once, with no shutdown hooks, no flushing
 * and no rollback, as {@code kill -9} would.
 *
 * <pre>{@code
 * FaultPoints.reach("history.repair.before-commit");
 * }</pre>
 */
public final class FaultPoints {
    /** What a process killed by SIGKILL reports: 128 + 9. */
    public static final int KILLED = 137;
    private static final Map<String, Integer> REACHED = new HashMap<>();

    private FaultPoints() {
    }

    public static void reach(String name) {
        String spec = System.getenv("FERRY_FAULT");
        if (spec == null || spec.isBlank()) {
            return;
        }
        for (String point : spec.split(",")) {
            String[] parts = point.strip().split(":", 2);
            if (parts[0].equals(name)) {
                int at = parts.length == 2 && parts[1].strip().matches("[0-9]{1,9}") ? Integer.parseInt(parts[1].strip()) : 1;
                int count;
                synchronized (REACHED) {
                    count = REACHED.merge(name, 1, Integer::sum);
                }
                if (count == at) {
                    Runtime.getRuntime().halt(KILLED);
                }
            }
        }
    }
}

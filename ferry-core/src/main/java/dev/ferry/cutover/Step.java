package dev.ferry.cutover;

import java.util.Map;
import java.util.Optional;

/**
 * One step of a plan, as the file says it: its id (given, or {@code step<N>} by position), kind, and
 * options with plain values, {@code ${steps.ID.OUTPUT}} references still in them, and where it stands
 * in the file.
 */
public record Step(String id, StepKind kind, Map<String, Object> options, int line) {

    public Step {
        options = Map.copyOf(options);
    }

    public Optional<Object> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public String text(String name, String fallback) {
        Object value = options.get(name);
        return value == null ? fallback : value.toString();
    }

    public boolean flag(String name) {
        return Boolean.TRUE.equals(options.get(name));
    }

    /** A downtime marker: begin or end. */
    public boolean marks(String mark) {
        return kind == StepKind.DOWNTIME && mark.equals(options.get("mark"));
    }
}

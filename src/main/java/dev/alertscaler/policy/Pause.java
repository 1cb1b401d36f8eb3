package dev.alertscaler.policy;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Scaling paused by an on-call engineer, in one or both directions, until {@code until}.
 *
 * @param author the name of the on-call token that set it
 */
public record Pause(Direction direction, Instant until, String author, String reason) {

    /** Which changes a pause stops. */
    public enum Direction {
        BOTH, UP, DOWN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Direction> fromLabel(String label) {
            for (Direction d : values()) {
                if (d.label().equals(label)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }

        /** Whether this pause stops a change from {@code from} to {@code to}. */
        public boolean stops(int from, int to) {
            return this == BOTH || (this == UP && to > from) || (this == DOWN && to < from);
        }
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}

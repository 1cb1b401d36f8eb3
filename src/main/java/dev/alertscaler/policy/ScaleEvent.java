package dev.alertscaler.policy;

import java.time.Instant;

/**
 * One change of replicas (applied, or in dry-run the shadow's), kept in the state for the
 * per-period rate limits and for people.
 *
 * @param reason the decision's reason label ({@code step}, {@code manual_hold}, …)
 */
public record ScaleEvent(Instant at, int from, int to, String reason) {

    /** Pods added by this change (0 for a scale-down). */
    public int added() {
        return Math.max(0, to - from);
    }

    /** Pods removed by this change (0 for a scale-up). */
    public int removed() {
        return Math.max(0, from - to);
    }
}

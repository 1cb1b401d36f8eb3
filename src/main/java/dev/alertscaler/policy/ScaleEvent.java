package dev.alertscaler.policy;

import java.time.Instant;

/** One applied change of replicas, kept in the state for the per-period rate limits. */
public record ScaleEvent(Instant at, int from, int to) {

    /** Pods added by this change (0 for a scale-down). */
    public int added() {
        return Math.max(0, to - from);
    }

    /** Pods removed by this change (0 for a scale-up). */
    public int removed() {
        return Math.max(0, from - to);
    }
}

package dev.alertscaler.policy;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The effective scaling policy of one target: global defaults overridden by its annotations.
 *
 * @param targetValuePerReplica when present, proportional mode: desired = ceil(alert value / this)
 */
public record ScalingPolicy(
        int minReplicas,
        int maxReplicas,
        int scaleUpPods,
        int scaleUpPercent,
        Duration scaleUpPeriod,
        Duration stabilizationWindow,
        int scaleDownPercent,
        Duration scaleDownPeriod,
        OptionalDouble targetValuePerReplica) {

    /** The replica count brought inside [min, max]. */
    public int bound(int replicas) {
        return Math.max(minReplicas, Math.min(maxReplicas, replicas));
    }

    /** How long a scale event can matter to a rate limit: the longer of the two periods. */
    public Duration eventRetention() {
        return scaleUpPeriod.compareTo(scaleDownPeriod) >= 0 ? scaleUpPeriod : scaleDownPeriod;
    }
}

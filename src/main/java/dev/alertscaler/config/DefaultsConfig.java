package dev.alertscaler.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.alertscaler.policy.ScalingPolicy;

import io.smallrye.config.WithDefault;

/** The global policy defaults (the seed's values where it has one). */
public interface DefaultsConfig {

    /** At least 1: with no pod, HAProxy answers 503 at once instead of queueing, so no queue alert fires. */
    @WithDefault("1")
    int minReplicas();

    @WithDefault("10")
    int maxReplicas();

    /** The smallest scale-up step, in pods. */
    @WithDefault("2")
    int scaleUpPods();

    /** A scale-up step as a percentage of the current replicas (may exceed 100); the larger step wins. */
    @WithDefault("50")
    int scaleUpPercent();

    /** At most one scale-up step per period. */
    @WithDefault("30s")
    Duration scaleUpPeriod();

    /** How long nothing may have fired (and nothing scaled up) before a scale-down. */
    @WithDefault("300s")
    Duration stabilizationWindow();

    /** At most this percentage of the period's starting replicas removed per scale-down period. */
    @WithDefault("25")
    int scaleDownPercent();

    @WithDefault("60s")
    Duration scaleDownPeriod();

    /** Proportional mode: desired = ceil(alert value / this); unset means step mode. */
    Optional<Double> targetValuePerReplica();

    /** These defaults as a policy. */
    default ScalingPolicy toPolicy() {
        return new ScalingPolicy(minReplicas(), maxReplicas(), scaleUpPods(), scaleUpPercent(), scaleUpPeriod(),
                stabilizationWindow(), scaleDownPercent(), scaleDownPeriod(),
                targetValuePerReplica().map(OptionalDouble::of).orElse(OptionalDouble.empty()));
    }
}

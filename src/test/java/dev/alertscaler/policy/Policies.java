package dev.alertscaler.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Shared test data: the seed's policy and alert records at named instants. */
final class Policies {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    static final Duration TTL = Duration.ofMinutes(15);

    /** The defaults of the design: 1..10, +max(2, 50 %) per 30 s, 300 s window, −25 % per 60 s. */
    static final ScalingPolicy SEED = new ScalingPolicy(1, 10, 2, 50, Duration.ofSeconds(30),
            Duration.ofSeconds(300), 25, Duration.ofSeconds(60), OptionalDouble.empty());

    private Policies() {
    }

    static ScalingPolicy proportional(double perReplica) {
        return new ScalingPolicy(1, 10, 2, 50, Duration.ofSeconds(30), Duration.ofSeconds(300), 25,
                Duration.ofSeconds(60), OptionalDouble.of(perReplica));
    }

    static ScalingPolicy bounds(int min, int max) {
        return new ScalingPolicy(min, max, 2, 50, Duration.ofSeconds(30), Duration.ofSeconds(300), 25,
                Duration.ofSeconds(60), OptionalDouble.empty());
    }

    static ScalingPolicy scaleUpPercent(int percent) {
        return new ScalingPolicy(1, 100, 2, percent, Duration.ofSeconds(30), Duration.ofSeconds(300), 25,
                Duration.ofSeconds(60), OptionalDouble.empty());
    }

    /** A firing alert of the role, seen {@code secondsAgo} before T0. */
    static AlertRecord firing(AlertRole role, long secondsAgo) {
        return new AlertRecord(role, T0.minusSeconds(3600), T0.minusSeconds(secondsAgo), Optional.empty(),
                OptionalDouble.empty());
    }

    static AlertRecord firingWithValue(double value) {
        return new AlertRecord(AlertRole.SCALE_UP, T0.minusSeconds(3600), T0, Optional.empty(), OptionalDouble.of(value));
    }

    static AlertRecord resolved(long secondsAgo) {
        return new AlertRecord(AlertRole.SCALE_UP, T0.minusSeconds(3600), T0.minusSeconds(secondsAgo + 10),
                Optional.of(T0.minusSeconds(secondsAgo)), OptionalDouble.empty());
    }

    /** A state with the given alerts and, when {@code lastScaleUpSecondsAgo} is not null, a last scale-up. */
    static TargetState state(Long lastScaleUpSecondsAgo, AlertRecord... alerts) {
        Map<String, AlertRecord> byFingerprint = new java.util.TreeMap<>();
        for (int i = 0; i < alerts.length; i++) {
            byFingerprint.put("fp" + i, alerts[i]);
        }
        return TargetState.EMPTY.toBuilder().alerts(byFingerprint)
                .lastScaleUp(Optional.ofNullable(lastScaleUpSecondsAgo).map(T0::minusSeconds))
                .since(Optional.of(T0.minusSeconds(86400))).build();
    }
}

package dev.alertscaler.policy;

import static dev.alertscaler.policy.Policies.SEED;
import static dev.alertscaler.policy.Policies.T0;
import static dev.alertscaler.policy.Policies.TTL;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stabilization window and the HPA's 25 %-per-60 s arithmetic, as named cases at a fixed instant. */
class ScaleDownRuleTest {

    private static final Instant LONG_AGO = T0.minusSeconds(86_400);

    /** A state in which the last scale-up alert ended {@code endedSecondsAgo} before T0. */
    static TargetState quietFor(long endedSecondsAgo, ScaleEvent... events) {
        return state(Map.of("up", Policies.resolved(endedSecondsAgo)), Optional.empty(), Optional.empty(), events);
    }

    static TargetState state(Map<String, AlertRecord> alerts, Optional<Instant> lastScaleUp,
            Optional<Instant> lastAlertEnd, ScaleEvent... events) {
        return TargetState.EMPTY.toBuilder().alerts(alerts).lastScaleUp(lastScaleUp).lastAlertEnd(lastAlertEnd)
                .events(List.of(events)).since(Optional.of(LONG_AGO)).build();
    }

    static ScaleEvent event(long secondsAgo, int from, int to) {
        return new ScaleEvent(T0.minusSeconds(secondsAgo), from, to, "test");
    }

    record Case(String name, ScalingPolicy policy, TargetState state, int current, int wantReplicas, Reason wantReason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        AlertRecord expiredLongAgo = new AlertRecord(AlertRole.SCALE_UP, LONG_AGO, T0.minus(TTL).minusSeconds(300),
                Optional.empty(), OptionalDouble.empty());
        AlertRecord expiredRecently = new AlertRecord(AlertRole.SCALE_UP, LONG_AGO, T0.minus(TTL).minusSeconds(100),
                Optional.empty(), OptionalDouble.empty());
        return Stream.of(
                new Case("window -1s: stabilizing", SEED, quietFor(299), 10, 10, Reason.STABILIZING),
                new Case("window exactly: 10 -> 7", SEED, quietFor(300), 10, 7, Reason.SCALE_DOWN_LIMITED_BY_RATE),
                new Case("window +1s: 10 -> 7", SEED, quietFor(301), 10, 7, Reason.SCALE_DOWN_LIMITED_BY_RATE),
                new Case("a later scale-up restarts the window", SEED,
                        state(Map.of("up", Policies.resolved(400)), Optional.of(T0.minusSeconds(200)), Optional.empty()),
                        10, 10, Reason.STABILIZING),
                new Case("a pruned alert's end still anchors the window", SEED,
                        state(Map.of(), Optional.empty(), Optional.of(T0.minusSeconds(100))), 10, 10, Reason.STABILIZING),
                new Case("an alert not seen for a TTL ended at lastSeen + TTL: 100 s ago", SEED,
                        state(Map.of("up", expiredRecently), Optional.empty(), Optional.empty()), 10, 10, Reason.STABILIZING),
                new Case("an alert not seen for a TTL ended at lastSeen + TTL: 300 s ago", SEED,
                        state(Map.of("up", expiredLongAgo), Optional.empty(), Optional.empty()), 10, 7, Reason.SCALE_DOWN_LIMITED_BY_RATE),
                new Case("a target met 100 s ago waits a whole window", SEED,
                        TargetState.EMPTY.toBuilder().since(Optional.of(T0.minusSeconds(100))).build(),
                        10, 10, Reason.STABILIZING),
                new Case("a firing hold alert blocks scale-down", SEED,
                        state(Map.of("hold", Policies.firing(AlertRole.HOLD, 0)), Optional.empty(), Optional.of(LONG_AGO)),
                        10, 10, Reason.HOLD_FIRING),
                new Case("a hold alert that ended 299 s ago: stabilizing", SEED,
                        state(Map.of("hold", new AlertRecord(AlertRole.HOLD, LONG_AGO, T0.minusSeconds(299),
                                Optional.of(T0.minusSeconds(299)), OptionalDouble.empty())), Optional.empty(), Optional.empty()),
                        10, 10, Reason.STABILIZING),
                new Case("at min", SEED, quietFor(600), 1, 1, Reason.AT_MIN),
                new Case("3 removed 30 s ago: this period's allowance is used", SEED,
                        quietFor(600, event(30, 10, 7)), 7, 7, Reason.RATE_LIMITED),
                new Case("removed period-1s ago: still counts", SEED, quietFor(600, event(59, 10, 7)), 7, 7, Reason.RATE_LIMITED),
                new Case("removed exactly a period ago: no longer counts, 7 -> 5", SEED,
                        quietFor(600, event(60, 10, 7)), 7, 5, Reason.SCALE_DOWN_LIMITED_BY_RATE),
                new Case("small counts lose at least one pod: 2 -> 1", SEED, quietFor(600), 2, 1, Reason.SCALE_DOWN_LIMITED_BY_RATE),
                new Case("rate would go below min: to min", Policies.bounds(4, 10), quietFor(600), 5, 4, Reason.SCALE_DOWN_TO_MIN),
                new Case("scale-down-percent 100: straight to min",
                        new ScalingPolicy(1, 10, 2, 50, Duration.ofSeconds(30), Duration.ofSeconds(300), 100,
                                Duration.ofSeconds(60), OptionalDouble.empty()),
                        quietFor(600), 10, 1, Reason.SCALE_DOWN_TO_MIN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        Decision d = new ScaleDownRule(TTL).decide(c.policy(), c.state(), new ReplicaCounts(c.current(), c.current()), T0);
        assertAll(
                () -> assertEquals(c.wantReplicas(), d.replicas(), "replicas: " + d.detail()),
                () -> assertEquals(c.wantReason(), d.reason(), "reason: " + d.detail()));
    }

    @Test
    void tenStepsDownLikeTheHpa() {
        assertEquals(List.of(10, 7, 5, 3, 2, 1), stepsDown(10));
    }

    @Test
    void eightStepsDownLikeTheHpa() {
        assertEquals(List.of(8, 6, 4, 3, 2, 1), stepsDown(8));
    }

    /** Ticks every 15 s from the end of the window; records each count the rule moves to. */
    private static List<Integer> stepsDown(int from) {
        ScaleDownRule rule = new ScaleDownRule(TTL);
        TargetState state = quietFor(300);
        int current = from;
        List<Integer> seen = new ArrayList<>(List.of(current));
        for (Instant now = T0; now.isBefore(T0.plusSeconds(600)); now = now.plusSeconds(15)) {
            Decision d = rule.decide(SEED, state, new ReplicaCounts(current, current), now);
            if (d.replicas() != current) {
                state = state.withChange(now, current, d.replicas(), d.reason());
                current = d.replicas();
                seen.add(current);
            }
        }
        return seen;
    }
}

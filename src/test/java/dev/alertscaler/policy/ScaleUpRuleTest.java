package dev.alertscaler.policy;

import static dev.alertscaler.policy.Policies.SEED;
import static dev.alertscaler.policy.Policies.T0;
import static dev.alertscaler.policy.Policies.TTL;
import static dev.alertscaler.policy.Policies.firing;
import static dev.alertscaler.policy.Policies.firingWithValue;
import static dev.alertscaler.policy.Policies.resolved;
import static dev.alertscaler.policy.Policies.state;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The scale-up rule as a table of named cases at a fixed instant; each row asserts replicas and reason. */
class ScaleUpRuleTest {

    record Case(String name, ScalingPolicy policy, TargetState state, int current, int ready,
            int wantReplicas, Reason wantReason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        AlertRecord up = firing(AlertRole.SCALE_UP, 0);
        return Stream.of(
                new Case("first firing steps at once: max(2 pods, ceil(1 x 50%)=1) = 2", SEED, state(null, up), 1, 1, 3, Reason.STEP),
                new Case("percent wins on larger counts: ceil(6 x 50%) = 3", SEED, state(60L, up), 6, 6, 9, Reason.STEP),
                new Case("percent rounds up: ceil(5 x 50%) = 3", SEED, state(60L, up), 5, 5, 8, Reason.STEP),
                new Case("scale-up-percent above 100: ceil(3 x 200%) = 6", Policies.scaleUpPercent(200), state(60L, up), 3, 3, 9, Reason.STEP),
                new Case("step cut short by max", SEED, state(60L, up), 9, 9, 10, Reason.STEP_LIMITED_BY_MAX),
                new Case("at max stays", SEED, state(60L, up), 10, 10, 10, Reason.AT_MAX),
                new Case("no alert: unchanged", SEED, state(null), 3, 3, 3, Reason.NO_SCALE_UP_ALERT),
                new Case("a hold alert never scales up", SEED, state(null, firing(AlertRole.HOLD, 0)), 3, 3, 3, Reason.NO_SCALE_UP_ALERT),
                new Case("a resolved alert does not scale up", SEED, state(null, resolved(10)), 3, 3, 3, Reason.NO_SCALE_UP_ALERT),
                new Case("seen ttl-1s ago: still firing", SEED, state(null, firing(AlertRole.SCALE_UP, TTL.toSeconds() - 1)), 1, 1, 3, Reason.STEP),
                new Case("seen exactly ttl ago: expired", SEED, state(null, firing(AlertRole.SCALE_UP, TTL.toSeconds())), 1, 1, 1, Reason.NO_SCALE_UP_ALERT),
                new Case("period -1s: not due", SEED, state(29L, up), 3, 3, 3, Reason.PERIOD_NOT_ELAPSED),
                new Case("period exactly: due", SEED, state(30L, up), 3, 3, 5, Reason.STEP),
                new Case("period +1s: due", SEED, state(31L, up), 3, 3, 5, Reason.STEP),
                new Case("previous step's pods not ready: wait", SEED, state(30L, up), 3, 1, 3, Reason.WAITING_FOR_READY),
                new Case("two periods -1s, still not ready: wait", SEED, state(59L, up), 3, 1, 3, Reason.WAITING_FOR_READY),
                new Case("two periods passed, still not ready: step anyway", SEED, state(60L, up), 3, 1, 5, Reason.STEP),
                new Case("never scaled before: no readiness wait", SEED, state(null, up), 3, 0, 5, Reason.STEP),
                new Case("proportional: straight to ceil(42 / 10) = 5, no step cap", Policies.proportional(10), state(null, firingWithValue(42)), 1, 1, 5, Reason.PROPORTIONAL),
                new Case("proportional: a higher need inside the scale-up-period steps at once", Policies.proportional(10), state(5L, firingWithValue(70)), 4, 4, 7, Reason.PROPORTIONAL),
                new Case("proportional: no wait for the last step's pods", Policies.proportional(10), state(5L, firingWithValue(70)), 4, 1, 7, Reason.PROPORTIONAL),
                new Case("proportional: the largest value of the firing alerts", Policies.proportional(10), state(60L, firingWithValue(20), firingWithValue(60)), 4, 4, 6, Reason.PROPORTIONAL),
                new Case("proportional: a replica count as the value (per replica 1)", Policies.proportional(1), state(null, firingWithValue(7)), 1, 1, 7, Reason.PROPORTIONAL),
                new Case("proportional: never lowers replicas", Policies.proportional(10), state(60L, firingWithValue(30)), 5, 5, 5, Reason.VALUE_SATISFIED),
                new Case("proportional: capped at max", Policies.proportional(10), state(60L, firingWithValue(200)), 9, 9, 10, Reason.PROPORTIONAL),
                new Case("proportional without a value: steps", Policies.proportional(10), state(null, up), 1, 1, 3, Reason.STEP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        Decision decision = new ScaleUpRule(TTL).decide(c.policy(), c.state(), new ReplicaCounts(c.current(), c.ready()), T0);
        assertAll(
                () -> assertEquals(c.wantReplicas(), decision.replicas(), "replicas: " + decision.detail()),
                () -> assertEquals(c.wantReason(), decision.reason(), "reason: " + decision.detail()));
    }
}

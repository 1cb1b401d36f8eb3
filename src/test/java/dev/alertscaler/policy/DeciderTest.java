package dev.alertscaler.policy;

import static dev.alertscaler.policy.Policies.SEED;
import static dev.alertscaler.policy.Policies.T0;
import static dev.alertscaler.policy.Policies.TTL;
import static dev.alertscaler.policy.Policies.firing;
import static dev.alertscaler.policy.Policies.state;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How bounds, scale-up, scale-down and a frozen signal combine. */
class DeciderTest {

    record Case(String name, ScalingPolicy policy, TargetState state, int current, Constraints conditions,
            int wantReplicas, Reason wantReason) {

        Case(String name, ScalingPolicy policy, TargetState state, int current, boolean frozen, int wantReplicas,
                Reason wantReason) {
            this(name, policy, state, current, new Constraints(frozen, false), wantReplicas, wantReason);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        AlertRecord up = firing(AlertRole.SCALE_UP, 0);
        TargetState quiet = ScaleDownRuleTest.quietFor(600);
        return Stream.of(
                new Case("below min: raised to min, with no alert", Policies.bounds(2, 10), state(null), 1, false, 2, Reason.BELOW_MIN),
                new Case("above max: lowered to max, even while firing", Policies.bounds(1, 4), state(null, up), 6, false, 4, Reason.ABOVE_MAX),
                new Case("a firing scale-up alert scales up, never down", SEED, state(null, up), 5, false, 8, Reason.STEP),
                new Case("a firing scale-up alert between steps holds the count", SEED, state(10L, up), 5, false, 5, Reason.PERIOD_NOT_ELAPSED),
                new Case("quiet: scale down", SEED, quiet, 8, false, 6, Reason.SCALE_DOWN_LIMITED_BY_RATE),
                new Case("frozen: no scale-down", SEED, quiet, 8, true, 8, Reason.SCALE_DOWN_FROZEN),
                new Case("frozen: scale-up still works", SEED, state(null, up), 5, true, 8, Reason.STEP),
                new Case("frozen with nothing to do: the real reason", SEED, quiet, 1, true, 1, Reason.AT_MIN),
                new Case("paused by annotation: nothing, not even bounds", Policies.bounds(2, 10), state(null, up), 1,
                        new Constraints(false, true), 1, Reason.PAUSED),
                new Case("pause both: a firing alert does not scale", SEED, paused(state(null, up), Pause.Direction.BOTH, 60), 5, false, 5, Reason.PAUSED),
                new Case("pause up: scale-up stopped", SEED, paused(state(null, up), Pause.Direction.UP, 60), 5, false, 5, Reason.PAUSED),
                new Case("pause up: scale-down goes on", SEED, paused(quiet, Pause.Direction.UP, 60), 8, false, 6, Reason.SCALE_DOWN_LIMITED_BY_RATE),
                new Case("pause down: scale-down stopped", SEED, paused(quiet, Pause.Direction.DOWN, 60), 8, false, 8, Reason.PAUSED),
                new Case("pause down: scale-up goes on", SEED, paused(state(null, up), Pause.Direction.DOWN, 60), 5, false, 8, Reason.STEP),
                new Case("a pause that ended is ignored", SEED, paused(state(null, up), Pause.Direction.BOTH, 0), 5, false, 8, Reason.STEP),
                new Case("hold: pinned while an alert fires", SEED, held(state(null, up), 4, 60), 4, false, 4, Reason.MANUAL_HOLD),
                new Case("hold: a kubectl scale is undone", SEED, held(quiet, 4, 60), 6, false, 4, Reason.MANUAL_HOLD),
                new Case("hold outside the bounds (forced) is kept", Policies.bounds(1, 4), held(quiet, 6, 60), 6, false, 6, Reason.MANUAL_HOLD),
                new Case("a hold that ended: the policy again", SEED, held(quiet, 8, 0), 8, false, 6, Reason.SCALE_DOWN_LIMITED_BY_RATE),
                new Case("pause down stops a hold below the count", SEED, paused(held(quiet, 2, 60), Pause.Direction.DOWN, 60), 5, false, 5, Reason.PAUSED));
    }

    static TargetState paused(TargetState s, Pause.Direction direction, long secondsLeft) {
        return s.toBuilder().pause(java.util.Optional.of(new Pause(direction, T0.plusSeconds(secondsLeft), "bob", "incident"))).build();
    }

    static TargetState held(TargetState s, int replicas, long secondsLeft) {
        return s.toBuilder().hold(java.util.Optional.of(new ManualHold(replicas, T0.plusSeconds(secondsLeft), "alice", "freeze"))).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        Decision d = new Decider(TTL).decide(c.policy(), c.state(), new ReplicaCounts(c.current(), c.current()), T0,
                c.conditions());
        assertAll(
                () -> assertEquals(c.wantReplicas(), d.replicas(), "replicas: " + d.detail()),
                () -> assertEquals(c.wantReason(), d.reason(), "reason: " + d.detail()));
    }
}

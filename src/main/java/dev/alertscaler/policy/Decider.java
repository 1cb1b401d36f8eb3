package dev.alertscaler.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The whole policy in one pure function: bounds first, then scale-up while a {@code scale-up}
 * alert fires, else scale-down once it is safe. The webhook and the reconciler both decide here.
 */
public final class Decider {

    private final ScaleUpRule scaleUp;
    private final ScaleDownRule scaleDown;

    /**
     * @param alertTtl how long a firing alert counts without being seen again
     */
    public Decider(Duration alertTtl) {
        this.scaleUp = new ScaleUpRule(alertTtl);
        this.scaleDown = new ScaleDownRule(alertTtl);
    }

    /**
     * The replicas the target should have now. Pauses and on-call holds win over the policy; then
     * bounds, then scale-up while a scale-up alert fires, else scale-down once it is safe.
     */
    public Decision decide(ScalingPolicy policy, TargetState state, ReplicaCounts replicas, Instant now,
            Constraints conditions) {
        int current = replicas.current();
        if (conditions.pausedByAnnotation()) {
            return new Decision(current, Reason.PAUSED, "paused by the annotation " + PolicyAnnotations.PREFIX + "paused");
        }
        Optional<Pause> pause = state.pause().filter(p -> p.activeAt(now));
        Decision wanted = state.hold().filter(h -> h.activeAt(now))
                .map(h -> new Decision(h.replicas(), Reason.MANUAL_HOLD,
                        "held at %d by %s until %s: %s".formatted(h.replicas(), h.author(), h.until(), h.reason())))
                .orElseGet(() -> byPolicy(policy, state, replicas, now, conditions.scaleDownFrozen()));
        if (pause.isPresent() && pause.get().direction().stops(current, wanted.replicas())) {
            Pause p = pause.get();
            String paused = "paused (%s) by %s until %s: %s".formatted(p.direction().label(), p.author(), p.until(),
                    p.reason());
            return new Decision(current, Reason.PAUSED, wanted.replicas() == current ? paused
                    : "would scale %d → %d (%s), but %s".formatted(current, wanted.replicas(), wanted.reason().label(), paused));
        }
        return wanted;
    }

    private Decision byPolicy(ScalingPolicy policy, TargetState state, ReplicaCounts replicas, Instant now,
            boolean scaleDownFrozen) {
        int current = replicas.current();
        if (current < policy.minReplicas()) {
            return new Decision(policy.minReplicas(), Reason.BELOW_MIN,
                    "%d replicas is below min-replicas %d".formatted(current, policy.minReplicas()));
        }
        if (current > policy.maxReplicas()) {
            return new Decision(policy.maxReplicas(), Reason.ABOVE_MAX,
                    "%d replicas is above max-replicas %d".formatted(current, policy.maxReplicas()));
        }
        Decision up = scaleUp.decide(policy, state, replicas, now);
        if (up.reason() != Reason.NO_SCALE_UP_ALERT) {
            return up;
        }
        Decision down = scaleDown.decide(policy, state, replicas, now);
        if (scaleDownFrozen && down.replicas() < current) {
            return new Decision(current, Reason.SCALE_DOWN_FROZEN, "would scale %d → %d (%s), but the alert "
                    .formatted(current, down.replicas(), down.detail()) + "signal cannot be trusted now");
        }
        return down;
    }

    /** The scale-down rule, for explaining when the next scale-down may happen. */
    public ScaleDownRule scaleDownRule() {
        return scaleDown;
    }
}

package dev.alertscaler.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * The scale-up half of the policy, never above max. Step mode: one step per scale-up-period while a
 * {@code scale-up} alert fires, the first at once. Proportional mode (the target sets
 * target-value-per-replica and an alert carries a value): straight to ceil(value / per replica),
 * whenever that is above the current count — the value is an absolute need, so acting on it again
 * cannot compound, and no period or step cap holds a fresh, higher need back.
 */
public final class ScaleUpRule {

    private final Duration alertTtl;

    /**
     * @param alertTtl how long a firing alert counts without being seen again
     */
    public ScaleUpRule(Duration alertTtl) {
        this.alertTtl = alertTtl;
    }

    /**
     * The replicas the target should have now, for a target inside [min, max]; a pure function of
     * its arguments. {@link Reason#NO_SCALE_UP_ALERT} hands over to the scale-down rule.
     */
    public Decision decide(ScalingPolicy policy, TargetState state, ReplicaCounts replicas, Instant now) {
        int current = replicas.current();
        long firing = state.alerts().values().stream()
                .filter(a -> a.role().scalesUp() && a.firingAt(now, alertTtl))
                .count();
        if (firing == 0) {
            return new Decision(current, Reason.NO_SCALE_UP_ALERT, "no scale-up alert fires");
        }
        if (current >= policy.maxReplicas()) {
            return new Decision(current, Reason.AT_MAX, "already at max-replicas %d".formatted(policy.maxReplicas()));
        }
        OptionalDouble value = maxValue(state, now);
        if (policy.targetValuePerReplica().isPresent() && value.isPresent()) {
            return proportional(policy, current, value.getAsDouble());
        }
        if (state.lastScaleUp().isPresent()) {
            Instant last = state.lastScaleUp().get();
            // "due when now ≥ last step + period": at exactly one period the step is due
            Instant due = last.plus(policy.scaleUpPeriod());
            if (now.isBefore(due)) {
                return new Decision(current, Reason.PERIOD_NOT_ELAPSED, "next step due at " + due);
            }
            // the alert lags the queue: stepping again while the last step's pods still start
            // overshoots, so wait for them, but no longer than two periods (a pod may never be ready)
            Instant patience = last.plus(policy.scaleUpPeriod().multipliedBy(2));
            if (replicas.ready() < current && now.isBefore(patience)) {
                return new Decision(current, Reason.WAITING_FOR_READY,
                        "%d of %d ready; waiting until %s at the latest".formatted(replicas.ready(), current, patience));
            }
        }
        return step(policy, current);
    }

    /**
     * Proportional mode: the replicas the value asks for, bounded by max-replicas only. With the
     * shipped rule the value is the replica count the backend needs (its sessions, queued ones
     * included, over the connections one pod takes), computed at the evaluation that sent it.
     */
    private static Decision proportional(ScalingPolicy policy, int current, double value) {
        double perReplica = policy.targetValuePerReplica().getAsDouble();
        int wanted = (int) Math.min(Integer.MAX_VALUE, Math.ceil(value / perReplica));
        String detail = "ceil(value %s / target-value-per-replica %s) = %d; max-replicas %d"
                .formatted(value, perReplica, wanted, policy.maxReplicas());
        if (wanted <= current) {
            return new Decision(current, Reason.VALUE_SATISFIED, detail); // an alert never lowers replicas
        }
        return new Decision(Math.min(wanted, policy.maxReplicas()), Reason.PROPORTIONAL, detail);
    }

    private static Decision step(ScalingPolicy policy, int current) {
        // integer ceil(current × percent / 100), as the HPA rounds its percent policies
        int byPercent = (int) ((current * (long) policy.scaleUpPercent() + 99) / 100);
        int step = Math.max(policy.scaleUpPods(), byPercent);
        int limit = Math.min(current + step, policy.maxReplicas());
        String stepDetail = "step of %d = max(scale-up-pods %d, ceil(%d × %d %%) = %d)"
                .formatted(step, policy.scaleUpPods(), current, policy.scaleUpPercent(), byPercent);
        if (current + step > policy.maxReplicas()) {
            return new Decision(limit, Reason.STEP_LIMITED_BY_MAX,
                    stepDetail + ", limited by max-replicas " + policy.maxReplicas());
        }
        return new Decision(limit, Reason.STEP, stepDetail);
    }

    private OptionalDouble maxValue(TargetState state, Instant now) {
        return state.alerts().values().stream()
                .filter(a -> a.role().scalesUp() && a.firingAt(now, alertTtl) && a.value().isPresent())
                .mapToDouble(a -> a.value().getAsDouble())
                .max();
    }
}

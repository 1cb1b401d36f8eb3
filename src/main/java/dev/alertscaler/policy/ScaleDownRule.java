package dev.alertscaler.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The scale-down half of the policy, as the HPA does it: nothing until no {@code scale-up} or
 * {@code hold} alert has fired for the stabilization window, then at most scale-down-percent of
 * the period's starting replicas per scale-down-period, never below min.
 */
public final class ScaleDownRule {

    private final Duration alertTtl;

    public ScaleDownRule(Duration alertTtl) {
        this.alertTtl = alertTtl;
    }

    /** The replicas the target should have now, when no scale-up alert fires; pure. */
    public Decision decide(ScalingPolicy policy, TargetState state, ReplicaCounts replicas, Instant now) {
        int current = replicas.current();
        if (state.alerts().values().stream().anyMatch(a -> a.role().holdsScaleDown() && a.firingAt(now, alertTtl))) {
            return new Decision(current, Reason.HOLD_FIRING, "a hold alert fires");
        }
        if (current <= policy.minReplicas()) {
            return new Decision(current, Reason.AT_MIN, "at min-replicas " + policy.minReplicas());
        }
        Instant windowEnds = windowEnd(policy, state, now);
        if (now.isBefore(windowEnds)) {
            return new Decision(current, Reason.STABILIZING, "stabilization window %s ends at %s"
                    .formatted(policy.stabilizationWindow(), windowEnds));
        }
        Allowance allowance = allowance(policy, state, current, now);
        if (allowance.floor() >= current) {
            return new Decision(current, Reason.RATE_LIMITED,
                    "%d removed in the last %s; at most %d %% of %d per period".formatted(allowance.removed(),
                            policy.scaleDownPeriod(), policy.scaleDownPercent(), allowance.periodStart()));
        }
        String detail = "window %s passed at %s; at most %d %% of %d per %s allows %d"
                .formatted(policy.stabilizationWindow(), windowEnds, policy.scaleDownPercent(),
                        allowance.periodStart(), policy.scaleDownPeriod(), allowance.rateFloor());
        if (allowance.rateFloor() < policy.minReplicas()) {
            return new Decision(policy.minReplicas(), Reason.SCALE_DOWN_TO_MIN,
                    detail + "; min-replicas " + policy.minReplicas());
        }
        return new Decision(allowance.rateFloor(), Reason.SCALE_DOWN_LIMITED_BY_RATE, detail);
    }

    /**
     * The next scale-down if nothing changes meanwhile (no alert fires, no one scales by hand).
     *
     * @param at       when it may happen: now, the end of the window, or when a recent change leaves
     *                 the rate period
     * @param replicas the count it goes to
     */
    public record Next(Instant at, int replicas, String detail) {
    }

    public Optional<Next> next(ScalingPolicy policy, TargetState state, ReplicaCounts replicas, Instant now) {
        if (state.alerts().values().stream().anyMatch(a -> a.role().scalesUp() && a.firingAt(now, alertTtl))) {
            return Optional.empty(); // scaling up, not down: nothing to predict until the alert stops
        }
        java.util.TreeSet<Instant> candidates = new java.util.TreeSet<>();
        candidates.add(now);
        candidates.add(windowEnd(policy, state, now));
        state.events().forEach(e -> candidates.add(e.at().plus(policy.scaleDownPeriod())));
        for (Instant at : candidates.tailSet(now, true)) {
            Decision d = decide(policy, state, replicas, at);
            if (d.replicas() < replicas.current()) {
                return Optional.of(new Next(at, d.replicas(), d.detail()));
            }
            if (d.reason() == Reason.HOLD_FIRING || d.reason() == Reason.AT_MIN) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * When the stabilization window ends: counted from the later of when the last scale-up or hold
     * alert stopped firing, the last scale-up, and when alertscaler first met the target.
     */
    public Instant windowEnd(ScalingPolicy policy, TargetState state, Instant now) {
        Optional<Instant> quietSince = latest(latest(state.lastAlertEnd(), state.lastScaleUp()), state.since());
        for (AlertRecord alert : state.alerts().values()) {
            if (alert.role().namesTarget() && !alert.firingAt(now, alertTtl)) {
                quietSince = latest(quietSince, Optional.of(alert.end(alertTtl)));
            }
        }
        // a state never written has no anchor: wait a whole window from now, to be safe
        return quietSince.orElse(now).plus(policy.stabilizationWindow());
    }

    /**
     * The HPA's rate limit in integers: the period's starting count is the current one less what
     * was added in the last period plus what was removed, and the count may not fall below
     * periodStart × (100 − percent) / 100 (integer division) — so at least one pod goes per period,
     * and more than the percentage of a small count (10 → 7 → 5 → 3 → 2 → 1).
     *
     * @param rateFloor the lowest count the rate allows now
     */
    public record Allowance(int periodStart, int removed, int rateFloor, int floor) {
    }

    public Allowance allowance(ScalingPolicy policy, TargetState state, int current, Instant now) {
        // an event belongs to the last period when its time is > now − period (the HPA's rule)
        Instant periodStartsAfter = now.minus(policy.scaleDownPeriod());
        int removed = state.removedAfter(periodStartsAfter);
        int periodStart = current - state.addedAfter(periodStartsAfter) + removed;
        int rateFloor = (int) ((long) periodStart * (100 - policy.scaleDownPercent()) / 100);
        return new Allowance(periodStart, removed, rateFloor, Math.max(rateFloor, policy.minReplicas()));
    }

    private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().isAfter(b.get()) ? a : b;
    }
}

package dev.alertscaler.policy;

import java.util.Locale;

/** Why a decision is what it is; one value feeds the Event, the log line, the metric and the on-call view. */
public enum Reason {
    /** No {@code scale-up} alert fires for the target. */
    NO_SCALE_UP_ALERT,
    /** A scale-up alert fires but the target is already at max-replicas. */
    AT_MAX,
    /** A scale-up alert fires but the last step was less than scale-up-period ago. */
    PERIOD_NOT_ELAPSED,
    /** The previous step's pods are not ready yet, and it was less than two periods ago. */
    WAITING_FOR_READY,
    /** Proportional mode: the alert value needs no more replicas than the target has. */
    VALUE_SATISFIED,
    /** One scale-up step: max(scale-up-pods, ceil(current × scale-up-percent / 100)). */
    STEP,
    /** A step cut short by max-replicas. */
    STEP_LIMITED_BY_MAX,
    /** Proportional mode: ceil(value / target-value-per-replica), at once, within max. */
    PROPORTIONAL,
    /** A {@code hold} alert fires: no scale-down while the backend is still busy. */
    HOLD_FIRING,
    /** Nothing fires, but the stabilization window since the last alert or scale-up has not passed. */
    STABILIZING,
    /** Scale-down is frozen for now: the alert signal cannot be trusted (Alertmanager unreachable, heartbeat lost). */
    SCALE_DOWN_FROZEN,
    /** Already at min-replicas. */
    AT_MIN,
    /** This period's scale-down allowance is used up. */
    RATE_LIMITED,
    /** A scale-down step, limited by scale-down-percent of the period's starting replicas. */
    SCALE_DOWN_LIMITED_BY_RATE,
    /** A scale-down step to min-replicas (the rate would have allowed more). */
    SCALE_DOWN_TO_MIN,
    /** Paused by an on-call engineer or by the annotation: the change the policy wants is not made. */
    PAUSED,
    /** An on-call engineer pinned the replica count until the hold expires. */
    MANUAL_HOLD,
    /** Replicas below min-replicas, raised to it. */
    BELOW_MIN,
    /** Replicas above max-replicas, lowered to it. */
    ABOVE_MAX;

    /** The form used in metric labels and JSON: {@code step_limited_by_max}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

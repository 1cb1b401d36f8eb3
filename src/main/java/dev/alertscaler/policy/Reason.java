package dev.alertscaler.policy;

import java.util.Locale;

/** Why a decision is what it is; one value feeds the Event, the log line, the metric and the on-call view. */
public enum Reason {
    /** No {@code scale-up} alert fires for the target. */
    NO_SCALE_UP_ALERT(Direction.NONE),
    /** A scale-up alert fires but the target is already at max-replicas. */
    AT_MAX(Direction.NONE),
    /** A scale-up alert fires but the last step was less than scale-up-period ago. */
    PERIOD_NOT_ELAPSED(Direction.NONE),
    /** The previous step's pods are not ready yet, and it was less than two periods ago. */
    WAITING_FOR_READY(Direction.NONE),
    /** Proportional mode: the alert value needs no more replicas than the target has. */
    VALUE_SATISFIED(Direction.NONE),
    /** One scale-up step: max(scale-up-pods, ceil(current × scale-up-percent / 100)). */
    STEP(Direction.UP),
    /** A step cut short by max-replicas. */
    STEP_LIMITED_BY_MAX(Direction.UP),
    /** Proportional mode: ceil(value / target-value-per-replica), within one step and max. */
    PROPORTIONAL(Direction.UP),
    /** A {@code hold} alert fires: no scale-down while the backend is still busy. */
    HOLD_FIRING(Direction.NONE),
    /** Nothing fires, but the stabilization window since the last alert or scale-up has not passed. */
    STABILIZING(Direction.NONE),
    /** Scale-down is frozen for now: the alert signal cannot be trusted (Alertmanager unreachable, heartbeat lost). */
    SCALE_DOWN_FROZEN(Direction.NONE),
    /** Already at min-replicas. */
    AT_MIN(Direction.NONE),
    /** This period's scale-down allowance is used up. */
    RATE_LIMITED(Direction.NONE),
    /** A scale-down step, limited by scale-down-percent of the period's starting replicas. */
    SCALE_DOWN_LIMITED_BY_RATE(Direction.DOWN),
    /** A scale-down step to min-replicas (the rate would have allowed more). */
    SCALE_DOWN_TO_MIN(Direction.DOWN),
    /** Paused by an on-call engineer or by the annotation: the change the policy wants is not made. */
    PAUSED(Direction.NONE),
    /** An on-call engineer pinned the replica count until the hold expires. */
    MANUAL_HOLD(Direction.NONE),
    /** Replicas below min-replicas, raised to it. */
    BELOW_MIN(Direction.UP),
    /** Replicas above max-replicas, lowered to it. */
    ABOVE_MAX(Direction.DOWN);

    /** Which way a decision with this reason moves the replicas. */
    public enum Direction { UP, DOWN, NONE }

    private final Direction direction;

    Reason(Direction direction) {
        this.direction = direction;
    }

    public Direction direction() {
        return direction;
    }

    /** The form used in metric labels and JSON: {@code step_limited_by_max}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

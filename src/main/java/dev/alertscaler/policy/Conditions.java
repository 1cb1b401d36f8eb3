package dev.alertscaler.policy;

/**
 * What else holds for a decision besides the target's state.
 *
 * @param scaleDownFrozen    the alert signal cannot be trusted now (heartbeat lost, Alertmanager
 *                           unreachable): no scale-down, scale-up still works
 * @param pausedByAnnotation a person set {@code alertscaler.dev/paused: "true"} on the target
 */
public record Conditions(boolean scaleDownFrozen, boolean pausedByAnnotation) {

    /** Nothing unusual. */
    public static final Conditions NONE = new Conditions(false, false);
}

package dev.alertscaler.policy;

/**
 * What constrains a decision besides the target's state: a freeze of scale-down, a pause by annotation.
 *
 * @param scaleDownFrozen    the alert signal cannot be trusted now (heartbeat lost, Alertmanager
 *                           unreachable): no scale-down, scale-up still works
 * @param pausedByAnnotation a person set {@code alertscaler.dev/paused: "true"} on the target
 */
public record Constraints(boolean scaleDownFrozen, boolean pausedByAnnotation) {

    /** Nothing unusual. */
    public static final Constraints NONE = new Constraints(false, false);
}

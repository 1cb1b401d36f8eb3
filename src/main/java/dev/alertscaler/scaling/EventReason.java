package dev.alertscaler.scaling;

/**
 * The reason of every Kubernetes Event alertscaler records, as {@code kubectl describe} shows it;
 * people filter on these names, so they never change.
 */
public enum EventReason {
    /** Replicas raised by the policy. */
    ScaledUp(Type.NORMAL),
    /** Replicas lowered by the policy. */
    ScaledDown(Type.NORMAL),
    /** Dry-run: the change the policy would have made. */
    WouldScale(Type.NORMAL),
    /** A count an on-call engineer set (and holds). */
    ManualScale(Type.NORMAL),
    /** Paused by an on-call engineer. */
    Paused(Type.NORMAL),
    /** A pause ended, by a person or by itself. */
    Resumed(Type.NORMAL),
    /** Replicas brought into [min, max]. */
    Bounded(Type.NORMAL),
    /** An annotation or the stored state could not be read; the target is skipped (or its state replaced). */
    InvalidConfig(Type.WARNING),
    /** Another autoscaler (an HPA) targets the workload. */
    Conflict(Type.WARNING),
    /** The check for another autoscaler could not be made on a target never checked. */
    ConflictCheckFailed(Type.WARNING),
    /** A state of a version this build does not know: left alone. */
    UnknownState(Type.WARNING),
    /** No heartbeat within the timeout: automatic scale-down frozen. */
    SignalLost(Type.WARNING),
    /** Heartbeats arrive again. */
    SignalRestored(Type.NORMAL);

    /** Normal or Warning, as Kubernetes Events have it. */
    public enum Type { NORMAL, WARNING }

    private final Type type;

    EventReason(Type type) {
        this.type = type;
    }

    public Type type() {
        return type;
    }
}

package dev.alertscaler.alertmanager;

import java.util.Locale;

/**
 * Why an alert of a notification cannot act: the {@code reason} label of
 * {@code alertscaler_webhook_ignored_alerts_total}, a bounded set so that the metric stays small.
 */
public enum IgnoredBecause {
    /** No {@code alertscaler_role} label: not one of alertscaler's own alerts (a route sends it foreign alerts). */
    MISSING_ROLE,
    /** An {@code alertscaler_role} that is not exactly {@code scale-up}, {@code hold} or {@code heartbeat}. */
    UNKNOWN_ROLE,
    /** No namespace, or not exactly one of the deployment and statefulset labels. */
    INVALID_TARGET,
    /** The namespace is outside {@code alertscaler.namespaces}. */
    NAMESPACE_NOT_ALLOWED,
    /** No fingerprint, an unreadable startsAt, or a status other than firing and resolved. */
    INVALID_ALERT,
    /** A resolved heartbeat (a heartbeat proves liveness only while it fires). */
    RESOLVED_HEARTBEAT,
    /** The named workload does not exist or is not opted in. */
    NOT_A_TARGET,
    /** The target is left alone: invalid configuration, another autoscaler, an unknown state, the kill switch. */
    LEFT_ALONE;

    /** The metric label: {@code missing_role}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

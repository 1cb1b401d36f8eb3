package dev.alertscaler.policy;

/**
 * The target's replicas as the cluster reports them.
 *
 * @param current {@code spec.replicas}
 * @param ready   {@code status.readyReplicas}
 */
public record ReplicaCounts(int current, int ready) {
}

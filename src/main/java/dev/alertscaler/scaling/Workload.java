package dev.alertscaler.scaling;

import java.util.Map;

import dev.alertscaler.policy.ReplicaCounts;

/**
 * A target as read from the cluster: what the policy needs, plus the store's own copy of the
 * object, opaque here, which the write sends back with its {@code resourceVersion} as precondition.
 *
 * @param resourceVersion the version the object was read at, which a write names as its precondition
 * @param source the {@link TargetStore}'s object, given back to it on update
 */
public record Workload(TargetRef ref, ReplicaCounts replicas, Map<String, String> labels,
        Map<String, String> annotations, String uid, String resourceVersion, Object source) {

    public boolean optedIn() {
        return "true".equals(labels.get(Annotations.ENABLED_LABEL));
    }

    /** The object, for Events about it. */
    public ObjectRef objectRef() {
        return new ObjectRef(ref.kind().apiVersion(), ref.kind().apiKind(), ref.namespace(), ref.name(), uid);
    }
}

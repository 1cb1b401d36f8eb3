package dev.alertscaler.kubernetes;

import java.util.Map;

import dev.alertscaler.policy.ReplicaCounts;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A target as read from the API: what the policy needs, plus the object itself so that the
 * write can send it back with its {@code resourceVersion} as precondition.
 */
public record Workload(TargetRef ref, ReplicaCounts replicas, Map<String, String> labels,
        Map<String, String> annotations, HasMetadata object) {

    /** The label that opts a workload in: without {@code "true"} it is never scaled. */
    public static final String ENABLED_LABEL = "alertscaler.dev/enabled";

    /** The annotation holding alertscaler's state, written only by alertscaler. */
    public static final String STATE_ANNOTATION = "alertscaler.dev/state";

    public boolean optedIn() {
        return "true".equals(labels.get(ENABLED_LABEL));
    }

    public String resourceVersion() {
        return object.getMetadata().getResourceVersion();
    }
}

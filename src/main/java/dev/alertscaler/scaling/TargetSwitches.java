package dev.alertscaler.scaling;

import dev.alertscaler.policy.ReplicaCounts;
import dev.alertscaler.policy.TargetState;

/**
 * The switches people set on a target — dry-run and pause by annotation, or dry-run everywhere —
 * and what the policy plays against in dry-run. One place, for the scaler and the on-call view.
 */
public final class TargetSwitches {

    private final boolean globalDryRun;

    /**
     * @param globalDryRun {@code alertscaler.dry-run}
     */
    public TargetSwitches(boolean globalDryRun) {
        this.globalDryRun = globalDryRun;
    }

    public boolean dryRun(Workload workload) {
        return globalDryRun || "true".equals(workload.annotations().get(Annotations.DRY_RUN));
    }

    /** Whether a person paused the target with the annotation {@code alertscaler.dev/paused: "true"}. */
    public static boolean pausedByAnnotation(Workload workload) {
        return "true".equals(workload.annotations().get(Annotations.PAUSED));
    }

    /**
     * The replicas the policy plays against: the real ones, or in dry-run the shadow ones, assumed
     * ready, so that a dry-run story progresses as if applied instead of repeating the same "would".
     */
    public ReplicaCounts countsFor(Workload workload, TargetState state) {
        if (!dryRun(workload)) {
            return workload.replicas();
        }
        int shadow = state.shadow().map(s -> s.replicas()).orElse(workload.replicas().current());
        return new ReplicaCounts(shadow, shadow);
    }

    /** The state the policy plays against: in dry-run, the shadow's history in place of the real one. */
    public TargetState played(Workload workload, TargetState state) {
        return dryRun(workload) ? state.shadowPlay() : state;
    }
}

package dev.alertscaler.scaling;

import dev.alertscaler.policy.PolicyAnnotations;

/**
 * The names people put on a target, and the one alertscaler writes there: the opt-in label, the
 * switches, the state. (The policy settings are {@link PolicyAnnotations#PREFIX} + their name.)
 */
public final class Annotations {

    /** The label that opts a workload in: without {@code "true"} it is never scaled. */
    public static final String ENABLED_LABEL = PolicyAnnotations.PREFIX + "enabled";

    /** The annotation holding alertscaler's state, written only by alertscaler. */
    public static final String STATE = PolicyAnnotations.PREFIX + "state";

    /** {@code "true"}: the target's decisions are made and reported, and never applied. */
    public static final String DRY_RUN = PolicyAnnotations.PREFIX + "dry-run";

    /** {@code "true"}: the target is not scaled at all until the annotation goes (kubectl's pause). */
    public static final String PAUSED = PolicyAnnotations.PREFIX + "paused";

    private Annotations() {
    }
}

package dev.alertscaler.policy;

import java.util.Optional;

/**
 * What an alert asks of its target, from its {@code alertscaler_role} label. The label is required:
 * a real cluster's Alertmanager holds many alerts with {@code namespace} and {@code deployment}
 * labels (kube-state-metrics' among them) that are no scaling signal, so an alert without a known
 * role never acts.
 */
public enum AlertRole {
    /** Adds replicas while it fires. */
    SCALE_UP("scale-up", true, false, true),
    /** Never scales up; while it fires it blocks scale-down of its target. */
    HOLD("hold", false, true, true),
    /** The always-firing heartbeat: proves that the alerting pipeline is alive. */
    HEARTBEAT("heartbeat", false, false, false);

    private final String label;
    private final boolean scalesUp;
    private final boolean holdsScaleDown;
    private final boolean namesTarget;

    AlertRole(String label, boolean scalesUp, boolean holdsScaleDown, boolean namesTarget) {
        this.label = label;
        this.scalesUp = scalesUp;
        this.holdsScaleDown = holdsScaleDown;
        this.namesTarget = namesTarget;
    }

    /** While it fires, the target steps up. */
    public boolean scalesUp() {
        return scalesUp;
    }

    /** While it fires, the target does not scale down, and never scales up for it. */
    public boolean holdsScaleDown() {
        return holdsScaleDown;
    }

    /**
     * It names a target (namespace and workload labels) and belongs to its story: recorded in its
     * state, shown and counted, and its end starts the stabilization window. The heartbeat does not.
     */
    public boolean namesTarget() {
        return namesTarget;
    }

    /** The value as users write it in alert rules. */
    public String label() {
        return label;
    }

    /**
     * The role for a label value, matched exactly (no trimming, no case folding: {@code "hold\u0000"}
     * or {@code "Hold"} is no role); empty for an absent or unknown value.
     */
    public static Optional<AlertRole> fromLabel(String value) {
        for (AlertRole role : values()) {
            if (role.label.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}

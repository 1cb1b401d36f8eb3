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
    SCALE_UP("scale-up"),
    /** Never scales up; while it fires it blocks scale-down of its target. */
    HOLD("hold"),
    /** The always-firing heartbeat: proves that the alerting pipeline is alive. */
    HEARTBEAT("heartbeat");

    private final String label;

    AlertRole(String label) {
        this.label = label;
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

package dev.alertscaler.policy;

import java.util.Locale;
import java.util.Optional;

/** What an alert asks of its target, from the {@code alertscaler_role} label. */
public enum AlertRole {
    /** Adds replicas while it fires (the default when the label is absent). */
    SCALE_UP("scale-up"),
    /** Never scales up; while it fires it blocks scale-down of its target. */
    HOLD("hold"),
    /** The always-firing Watchdog: proves that the alerting pipeline is alive. */
    HEARTBEAT("heartbeat");

    private final String label;

    AlertRole(String label) {
        this.label = label;
    }

    /** The value as users write it in alert rules. */
    public String label() {
        return label;
    }

    /** The role for a label value; an absent label means {@link #SCALE_UP}, an unknown one is empty. */
    public static Optional<AlertRole> fromLabel(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(SCALE_UP);
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (AlertRole role : values()) {
            if (role.label.equals(wanted)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}

package dev.alertscaler.scaling;

import java.util.Optional;

/**
 * Why a target is left alone, kept in its state so that its Warning Event is recorded once (when
 * it appears or changes), not on every tick.
 *
 * @param reason the Event reason: {@code InvalidConfig} or {@code Conflict}
 */
record Problem(String reason, String message) {

    static final String INVALID_CONFIG = "InvalidConfig";
    static final String CONFLICT = "Conflict";

    /** As stored in the state: {@code "Conflict: …"}. */
    String encoded() {
        return reason + ": " + message;
    }

    static Optional<Problem> decode(Optional<String> stored) {
        return stored.map(s -> {
            int colon = s.indexOf(": ");
            return colon < 0 ? new Problem(INVALID_CONFIG, s) : new Problem(s.substring(0, colon), s.substring(colon + 2));
        });
    }
}

package dev.alertscaler.scaling;

import java.util.Optional;

/**
 * Why a target is left alone, kept in its state so that its Warning Event is recorded once (when
 * it appears or changes), not on every tick.
 *
 * @param reason the Event reason: {@link EventReason#InvalidConfig} or {@link EventReason#Conflict}
 */
record Problem(EventReason reason, String message) {

    /** As stored in the state: {@code "Conflict: …"}. */
    String encoded() {
        return reason.name() + ": " + message;
    }

    static Optional<Problem> decode(Optional<String> stored) {
        return stored.map(s -> {
            int colon = s.indexOf(": ");
            EventReason reason = colon < 0 ? EventReason.InvalidConfig : reason(s.substring(0, colon));
            return new Problem(reason, colon < 0 ? s : s.substring(colon + 2));
        });
    }

    private static EventReason reason(String stored) {
        return stored.equals(EventReason.Conflict.name()) ? EventReason.Conflict : EventReason.InvalidConfig;
    }
}

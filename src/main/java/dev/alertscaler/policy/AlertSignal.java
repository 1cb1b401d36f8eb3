package dev.alertscaler.policy;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One alert of one notification, as the policy sees it: already mapped to its target.
 *
 * @param endsAt for a resolved alert, when Alertmanager says it ended
 */
public record AlertSignal(
        String fingerprint,
        AlertRole role,
        boolean firing,
        Instant startsAt,
        Instant endsAt,
        OptionalDouble value) {
}

package dev.alertscaler.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One alert as the target's state remembers it, keyed by fingerprint in {@link TargetState}.
 *
 * @param startsAt identifies the firing episode: Alertmanager gives a re-fired alert a new one
 * @param lastSeen when a notification last reported it firing
 * @param endedAt  when it stopped firing (a resolved notification), empty while it fires
 * @param value    the alert's numeric {@code value} annotation, for proportional mode
 */
public record AlertRecord(
        AlertRole role,
        Instant startsAt,
        Instant lastSeen,
        Optional<Instant> endedAt,
        OptionalDouble value) {

    /** When this alert stops counting: its resolution, or {@code lastSeen + alertTtl} if never seen again. */
    public Instant end(Duration alertTtl) {
        Instant expiry = lastSeen.plus(alertTtl);
        return endedAt.filter(ended -> ended.isBefore(expiry)).orElse(expiry);
    }

    /** Whether the alert fires at {@code now}: not resolved and seen within the TTL. */
    public boolean firingAt(Instant now, Duration alertTtl) {
        return now.isBefore(end(alertTtl));
    }

    AlertRecord seenAt(Instant now, OptionalDouble newValue) {
        return new AlertRecord(role, startsAt, now, endedAt, newValue);
    }

    AlertRecord endedAt(Instant end) {
        return new AlertRecord(role, startsAt, lastSeen, Optional.of(end), value);
    }
}

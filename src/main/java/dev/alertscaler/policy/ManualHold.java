package dev.alertscaler.policy;

import java.time.Instant;

/**
 * A replica count pinned by an on-call engineer until {@code until}; alerts are still recorded
 * meanwhile, and the policy takes over again when it expires.
 *
 * @param author the name of the on-call token that set it
 */
public record ManualHold(int replicas, Instant until, String author, String reason) {

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}

package dev.alertscaler.policy;

import java.time.Instant;
import java.util.List;

/**
 * Alertmanager's API view of one target's active alerts (silenced and inhibited ones included: a
 * silence mutes notifications, not the signal).
 *
 * @param askedAt when the question was sent: the answer can only speak for alerts last seen before
 *                it, so an alert a notification recorded later is not ended by this snapshot
 * @param active  the target's alerts that Alertmanager lists as active
 */
public record AlertSnapshot(Instant askedAt, List<AlertSignal> active) {

    public AlertSnapshot {
        active = List.copyOf(active);
    }
}

package dev.alertscaler.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the alerts of a notification into a target's state.
 *
 * <p>Alertmanager delivers at least once, repeats itself and may reorder, so merging is
 * idempotent: an alert is one episode per (fingerprint, startsAt); a repeat only refreshes
 * {@code lastSeen}, a firing report of an episode already resolved is stale and ignored, and an
 * alert missing from a notification is not thereby resolved.
 */
public final class AlertLedger {

    /** Alerts kept per target; beyond it the oldest are dropped (ended ones first). */
    static final int MAX_ALERTS = 64;

    private final Duration alertTtl;
    private final Duration refreshAfter;

    /**
     * @param alertTtl how long a firing alert counts without being seen again
     */
    public AlertLedger(Duration alertTtl) {
        this.alertTtl = alertTtl;
        // lastSeen only matters against the TTL: refreshing it on every repeat would write the
        // target on every notification, so it is rewritten once it has aged a quarter of the TTL
        this.refreshAfter = alertTtl.dividedBy(4);
    }

    /** The state after the given alerts were seen at {@code now}. */
    public TargetState record(TargetState state, List<AlertSignal> signals, Instant now) {
        Map<String, AlertRecord> alerts = new TreeMap<>(state.alerts());
        for (AlertSignal signal : signals) {
            AlertRecord known = alerts.get(signal.fingerprint());
            AlertRecord merged = signal.firing() ? fired(known, signal, now) : resolved(known, signal, now);
            if (merged != null) {
                alerts.put(signal.fingerprint(), merged);
            }
        }
        return prune(state.withAlerts(alerts, state.lastAlertEnd()), now);
    }

    private AlertRecord fired(AlertRecord known, AlertSignal signal, Instant now) {
        if (known == null || known.startsAt().isBefore(signal.startsAt())) {
            return new AlertRecord(signal.role(), signal.startsAt(), now, Optional.empty(), signal.value());
        }
        if (known.startsAt().isAfter(signal.startsAt()) || known.endedAt().isPresent()) {
            return null; // an older episode, or a repeat that arrived after its own resolution
        }
        boolean stale = !now.isBefore(known.lastSeen().plus(refreshAfter));
        if (stale || !known.value().equals(signal.value())) {
            return known.seenAt(now, signal.value());
        }
        return null;
    }

    private AlertRecord resolved(AlertRecord known, AlertSignal signal, Instant now) {
        // Alertmanager's endsAt may lie in the future or be far off; the alert ended no later
        // than when we heard of it
        Instant end = signal.endsAt() == null || signal.endsAt().isAfter(now) ? now : signal.endsAt();
        if (known != null && known.startsAt().isAfter(signal.startsAt())) {
            return null; // the resolution of an older episode
        }
        if (known != null && known.startsAt().equals(signal.startsAt())) {
            return known.endedAt().isPresent() ? null : known.endedAt(end);
        }
        // unknown, or a newer episode we never saw firing: remember it ended, so that a late
        // duplicate of its firing notification does not start it again
        return new AlertRecord(signal.role(), signal.startsAt(), end, Optional.of(end), signal.value());
    }

    /**
     * The state after Alertmanager's API listed the target's active alerts: those are recorded as
     * seen, and a recorded alert it does not list ends now — but only one last seen before the
     * question was asked. An alert a notification recorded after that (a fresh one, or a new
     * episode) is unknown to the snapshot, not ended by it.
     */
    public TargetState reconcile(TargetState state, AlertSnapshot snapshot, Instant now) {
        TargetState seen = record(state, snapshot.active(), now);
        Set<String> listed = new HashSet<>();
        snapshot.active().forEach(signal -> listed.add(signal.fingerprint()));
        Map<String, AlertRecord> alerts = new TreeMap<>(seen.alerts());
        boolean changed = false;
        for (Map.Entry<String, AlertRecord> entry : seen.alerts().entrySet()) {
            AlertRecord alert = entry.getValue();
            if (!listed.contains(entry.getKey()) && alert.role().namesTarget() && alert.firingAt(now, alertTtl)
                    && alert.lastSeen().isBefore(snapshot.askedAt())) {
                alerts.put(entry.getKey(), alert.endedAt(now));
                changed = true;
            }
        }
        return changed ? seen.withAlerts(alerts, seen.lastAlertEnd()) : seen;
    }

    /**
     * Drops alerts that ended more than an alert TTL ago, folding the end of a dropped scale-up or
     * hold alert into {@code lastAlertEnd}, and caps the number kept.
     */
    public TargetState prune(TargetState state, Instant now) {
        Map<String, AlertRecord> kept = new TreeMap<>();
        Optional<Instant> lastAlertEnd = state.lastAlertEnd();
        Instant horizon = now.minus(alertTtl);
        List<Map.Entry<String, AlertRecord>> newestFirst = state.alerts().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, AlertRecord> e) -> e.getValue().firingAt(now, alertTtl))
                        .thenComparing(e -> e.getValue().lastSeen())
                        .reversed())
                .toList();
        for (Map.Entry<String, AlertRecord> entry : newestFirst) {
            AlertRecord alert = entry.getValue();
            Instant end = alert.end(alertTtl);
            if (kept.size() < MAX_ALERTS && end.isAfter(horizon)) {
                kept.put(entry.getKey(), alert);
            } else if (alert.role().namesTarget() && !end.isAfter(now)) {
                lastAlertEnd = Optional.of(lastAlertEnd.filter(t -> t.isAfter(end)).orElse(end));
            }
        }
        return state.withAlerts(kept, lastAlertEnd);
    }
}

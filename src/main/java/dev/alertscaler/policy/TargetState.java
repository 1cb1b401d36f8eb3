package dev.alertscaler.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.Collections;

/**
 * What alertscaler remembers about one target, stored on the target itself (annotation
 * {@code alertscaler.dev/state}) so that no decision depends on process memory.
 *
 * @param alerts       known alerts by fingerprint, firing and recently ended
 * @param lastScaleUp  the last applied (or, in dry-run, shadow) scale-up
 * @param lastScaleDown the last applied scale-down
 * @param lastAlertEnd the latest end of a scale-up or hold alert already pruned from {@code alerts}
 * @param events       recent changes, newest last, for the rate limits
 */
public record TargetState(
        Map<String, AlertRecord> alerts,
        Optional<Instant> lastScaleUp,
        Optional<Instant> lastScaleDown,
        Optional<Instant> lastAlertEnd,
        List<ScaleEvent> events) {

    /** The state of a target alertscaler has never written to. */
    public static final TargetState EMPTY =
            new TargetState(Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    public TargetState {
        // sorted, so that the stored JSON is stable and an unchanged state is byte-for-byte unchanged
        alerts = Collections.unmodifiableSortedMap(new TreeMap<>(alerts));
        events = List.copyOf(events);
    }

    /**
     * The state to assume when the stored one cannot be read: as if a scale-up had just
     * happened, so that neither a further step nor a scale-down follows at once.
     */
    public static TargetState conservative(Instant now) {
        return new TargetState(Map.of(), Optional.of(now), Optional.empty(), Optional.empty(), List.of());
    }

    /** This state after a change from {@code from} to {@code to} replicas at {@code now}. */
    public TargetState withChange(Instant now, int from, int to) {
        if (from == to) {
            return this;
        }
        List<ScaleEvent> newEvents = new ArrayList<>(events);
        newEvents.add(new ScaleEvent(now, from, to));
        return new TargetState(alerts,
                to > from ? Optional.of(now) : lastScaleUp,
                to < from ? Optional.of(now) : lastScaleDown,
                lastAlertEnd, newEvents);
    }

    /** This state without the scale events at or before {@code horizon} (they no longer limit any rate). */
    public TargetState withoutEventsBefore(Instant horizon) {
        return new TargetState(alerts, lastScaleUp, lastScaleDown, lastAlertEnd,
                events.stream().filter(e -> e.at().isAfter(horizon)).toList());
    }
}

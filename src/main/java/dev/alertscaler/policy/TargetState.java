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
 * @param since        when alertscaler first wrote this state: a target it has just met is not
 *                     scaled down before a stabilization window has passed
 * @param problem      the last problem reported on the target (invalid config, a competing
 *                     autoscaler), so that its Event is recorded once, not on every tick
 */
public record TargetState(
        Map<String, AlertRecord> alerts,
        Optional<Instant> lastScaleUp,
        Optional<Instant> lastScaleDown,
        Optional<Instant> lastAlertEnd,
        List<ScaleEvent> events,
        Optional<Instant> since,
        Optional<String> problem) {

    /** The state of a target alertscaler has never written to. */
    public static final TargetState EMPTY = new TargetState(Map.of(), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of(), Optional.empty(), Optional.empty());

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
        return new TargetState(Map.of(), Optional.of(now), Optional.empty(), Optional.empty(), List.of(),
                Optional.of(now), Optional.empty());
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
                lastAlertEnd, newEvents, since, problem);
    }

    /** This state without the scale events at or before {@code horizon} (they no longer limit any rate). */
    public TargetState withoutEventsBefore(Instant horizon) {
        return new TargetState(alerts, lastScaleUp, lastScaleDown, lastAlertEnd,
                events.stream().filter(e -> e.at().isAfter(horizon)).toList(), since, problem);
    }

    /** This state with other alerts. */
    public TargetState withAlerts(Map<String, AlertRecord> newAlerts, Optional<Instant> newLastAlertEnd) {
        return new TargetState(newAlerts, lastScaleUp, lastScaleDown, newLastAlertEnd, events, since, problem);
    }

    /** This state, stamped with when alertscaler first met the target if it has not been yet. */
    public TargetState seenSince(Instant now) {
        return since.isPresent() ? this
                : new TargetState(alerts, lastScaleUp, lastScaleDown, lastAlertEnd, events, Optional.of(now), problem);
    }

    /** This state with the problem now reported on the target (empty: none). */
    public TargetState withProblem(Optional<String> newProblem) {
        return new TargetState(alerts, lastScaleUp, lastScaleDown, lastAlertEnd, events, since, newProblem);
    }

    /** Pods added and removed by the changes after {@code horizon}. */
    public int addedAfter(Instant horizon) {
        return events.stream().filter(e -> e.at().isAfter(horizon)).mapToInt(ScaleEvent::added).sum();
    }

    public int removedAfter(Instant horizon) {
        return events.stream().filter(e -> e.at().isAfter(horizon)).mapToInt(ScaleEvent::removed).sum();
    }
}

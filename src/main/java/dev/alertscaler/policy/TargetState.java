package dev.alertscaler.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What alertscaler remembers about one target, stored on the target itself (annotation
 * {@code alertscaler.dev/state}) so that no decision depends on process memory.
 *
 * @param alerts        known alerts by fingerprint, firing and recently ended
 * @param lastScaleUp   the last applied scale-up
 * @param lastScaleDown the last applied scale-down
 * @param lastAlertEnd  the latest end of a scale-up or hold alert already pruned from {@code alerts}
 * @param events        recent changes, oldest first: those of the last period for the rate limits,
 *                      and at least the last {@link #RECENT_EVENTS} for people
 * @param since         when alertscaler first wrote this state: a target it has just met is not
 *                      scaled down before a stabilization window has passed
 * @param problem       the last problem reported on the target (invalid config, a competing
 *                      autoscaler), so that its Event is recorded once, not on every tick
 * @param hold          an on-call engineer's pinned replica count, until it expires
 * @param pause         an on-call engineer's pause, until it expires
 * @param shadow        in dry-run, the would-be replicas and their own history
 * @param competitorChecked whether the reconciler ever managed to check this target for another
 *                      autoscaler (an HPA): a target never checked is scaled, but loudly
 * @param competitorCheckFailure why the last check could not be made, while it cannot (so that its
 *                      Warning Event is recorded once)
 */
public record TargetState(
        Map<String, AlertRecord> alerts,
        Optional<Instant> lastScaleUp,
        Optional<Instant> lastScaleDown,
        Optional<Instant> lastAlertEnd,
        List<ScaleEvent> events,
        Optional<Instant> since,
        Optional<String> problem,
        Optional<ManualHold> hold,
        Optional<Pause> pause,
        Optional<Shadow> shadow,
        boolean competitorChecked,
        Optional<String> competitorCheckFailure) {

    /** Changes kept for people to read, whatever their age. */
    public static final int RECENT_EVENTS = 10;

    /** The state of a target alertscaler has never written to. */
    public static final TargetState EMPTY = new TargetState(Map.of(), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), false, Optional.empty());

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
        return EMPTY.toBuilder().lastScaleUp(Optional.of(now)).since(Optional.of(now)).build();
    }

    /** This state after a change from {@code from} to {@code to} replicas at {@code now}, for the reason. */
    public TargetState withChange(Instant now, int from, int to, Reason reason) {
        if (from == to) {
            return this;
        }
        List<ScaleEvent> newEvents = new ArrayList<>(events);
        newEvents.add(new ScaleEvent(now, from, to, reason.label()));
        Builder b = toBuilder().events(newEvents);
        if (to > from) {
            b.lastScaleUp(Optional.of(now));
        } else {
            b.lastScaleDown(Optional.of(now));
        }
        return b.build();
    }

    /**
     * This state without the scale events at or before {@code horizon} (they no longer limit any
     * rate), but for the last {@link #RECENT_EVENTS}.
     */
    public TargetState withoutEventsBefore(Instant horizon) {
        List<ScaleEvent> kept = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).at().isAfter(horizon) || i >= events.size() - RECENT_EVENTS) {
                kept.add(events.get(i));
            }
        }
        return toBuilder().events(kept).build();
    }

    /** This state with other alerts. */
    public TargetState withAlerts(Map<String, AlertRecord> newAlerts, Optional<Instant> newLastAlertEnd) {
        return toBuilder().alerts(newAlerts).lastAlertEnd(newLastAlertEnd).build();
    }

    /** This state, stamped with when alertscaler first met the target if it has not been yet. */
    public TargetState seenSince(Instant now) {
        return since.isPresent() ? this : toBuilder().since(Optional.of(now)).build();
    }

    /** This state with the problem now reported on the target (empty: none). */
    public TargetState withProblem(Optional<String> newProblem) {
        return toBuilder().problem(newProblem).build();
    }

    /**
     * The state a dry-run decides on: the real one with the shadow's history in place of the real
     * history (on entering dry-run, the shadow starts as a copy of the real history).
     */
    public TargetState shadowPlay() {
        return shadow.map(s -> toBuilder().events(s.events()).lastScaleUp(s.lastScaleUp())
                .lastScaleDown(s.lastScaleDown()).build()).orElse(this);
    }

    /** This state with the shadow taken from a dry-run's {@link #shadowPlay() play} that ended at {@code replicas}. */
    public TargetState withShadowOf(TargetState played, int replicas) {
        return toBuilder().shadow(Optional.of(new Shadow(replicas, played.events, played.lastScaleUp,
                played.lastScaleDown))).build();
    }

    /** This state without the hold and pause that have expired at {@code now}. */
    public TargetState withoutExpiredControls(Instant now) {
        return toBuilder()
                .hold(hold.filter(h -> h.activeAt(now)))
                .pause(pause.filter(p -> p.activeAt(now)))
                .build();
    }

    /** Pods added and removed by the changes after {@code horizon}. */
    public int addedAfter(Instant horizon) {
        return events.stream().filter(e -> e.at().isAfter(horizon)).mapToInt(ScaleEvent::added).sum();
    }

    public int removedAfter(Instant horizon) {
        return events.stream().filter(e -> e.at().isAfter(horizon)).mapToInt(ScaleEvent::removed).sum();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few fields of a state without repeating the others. */
    public static final class Builder {
        private Map<String, AlertRecord> alerts;
        private Optional<Instant> lastScaleUp;
        private Optional<Instant> lastScaleDown;
        private Optional<Instant> lastAlertEnd;
        private List<ScaleEvent> events;
        private Optional<Instant> since;
        private Optional<String> problem;
        private Optional<ManualHold> hold;
        private Optional<Pause> pause;
        private Optional<Shadow> shadow;
        private boolean competitorChecked;
        private Optional<String> competitorCheckFailure;

        private Builder(TargetState s) {
            alerts = s.alerts;
            lastScaleUp = s.lastScaleUp;
            lastScaleDown = s.lastScaleDown;
            lastAlertEnd = s.lastAlertEnd;
            events = s.events;
            since = s.since;
            problem = s.problem;
            hold = s.hold;
            pause = s.pause;
            shadow = s.shadow;
            competitorChecked = s.competitorChecked;
            competitorCheckFailure = s.competitorCheckFailure;
        }

        public Builder alerts(Map<String, AlertRecord> v) { alerts = v; return this; }
        public Builder lastScaleUp(Optional<Instant> v) { lastScaleUp = v; return this; }
        public Builder lastScaleDown(Optional<Instant> v) { lastScaleDown = v; return this; }
        public Builder lastAlertEnd(Optional<Instant> v) { lastAlertEnd = v; return this; }
        public Builder events(List<ScaleEvent> v) { events = v; return this; }
        public Builder since(Optional<Instant> v) { since = v; return this; }
        public Builder problem(Optional<String> v) { problem = v; return this; }
        public Builder hold(Optional<ManualHold> v) { hold = v; return this; }
        public Builder pause(Optional<Pause> v) { pause = v; return this; }
        public Builder shadow(Optional<Shadow> v) { shadow = v; return this; }
        public Builder competitorChecked(boolean v) { competitorChecked = v; return this; }
        public Builder competitorCheckFailure(Optional<String> v) { competitorCheckFailure = v; return this; }

        public TargetState build() {
            return new TargetState(alerts, lastScaleUp, lastScaleDown, lastAlertEnd, events, since, problem, hold,
                    pause, shadow, competitorChecked, competitorCheckFailure);
        }
    }
}

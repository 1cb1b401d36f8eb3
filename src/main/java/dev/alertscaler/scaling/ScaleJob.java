package dev.alertscaler.scaling;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.alertscaler.policy.AlertSignal;
import dev.alertscaler.policy.AlertSnapshot;

/**
 * What {@link TargetScaler} is to do for one target, by who asks: a notification's alerts, a
 * reconcile tick, or an on-call action. Each then reads, plans, writes and reports the same way.
 */
public sealed interface ScaleJob permits ScaleJob.Notification, ScaleJob.Tick, ScaleJob.Action {

    TargetRef ref();

    Instant now();

    /** After it, no further API call is started and the outcome is {@code RETRY}. */
    Instant deadline();

    /** The target as already known for the first attempt (listed, or cached); null: read it. After a conflict it is read afresh. */
    Workload known();

    /** Why automatic scale-down is frozen now (empty: it is not); asked only when a decision would scale down. */
    Optional<String> scaleDownFrozen();

    /** Alerts to record as they come. */
    default List<AlertSignal> signals() {
        return List.of();
    }

    /** Alertmanager's API view of the target's active alerts, when asked. */
    default Optional<AlertSnapshot> snapshot() {
        return Optional.empty();
    }

    /** What this job's check for another autoscaler found, if it made one. */
    default CompetitorCheck competitor() {
        return CompetitorCheck.NOT_MADE;
    }

    /** An on-call action to apply before the policy decides. */
    default Optional<OncallAction> action() {
        return Optional.empty();
    }

    /**
     * A webhook notification's alerts for one target.
     *
     * @param cached          the target as the watch cache holds it (null: read it)
     * @param frozenLookup    reads the heartbeat, only when a decision would scale down
     */
    record Notification(TargetRef ref, Workload cached, List<AlertSignal> signals,
            Supplier<Optional<String>> frozenLookup, Instant now, Instant deadline) implements ScaleJob {

        @Override
        public Workload known() {
            return cached;
        }

        @Override
        public Optional<String> scaleDownFrozen() {
            return frozenLookup.get();
        }
    }

    /**
     * The reconciler's look at one listed target: continue steps, own scale-down, bring into bounds.
     *
     * @param frozen why scale-down is frozen this tick (heartbeat lost, Alertmanager unreachable)
     */
    record Tick(Workload listed, Optional<AlertSnapshot> snapshot, Optional<String> frozen, CompetitorCheck competitor,
            Instant now) implements ScaleJob {

        @Override
        public TargetRef ref() {
            return listed.ref();
        }

        @Override
        public Instant deadline() {
            return Instant.MAX;
        }

        @Override
        public Workload known() {
            return listed;
        }

        @Override
        public Optional<String> scaleDownFrozen() {
            return frozen;
        }
    }

    /**
     * An on-call action on one target.
     *
     * @param frozenLookup reads the heartbeat, only when a decision would scale down
     */
    record Action(TargetRef ref, OncallAction oncall, Supplier<Optional<String>> frozenLookup, Instant now,
            Instant deadline) implements ScaleJob {

        @Override
        public Workload known() {
            return null;
        }

        @Override
        public Optional<String> scaleDownFrozen() {
            return frozenLookup.get();
        }

        @Override
        public Optional<OncallAction> action() {
            return Optional.of(oncall);
        }
    }
}

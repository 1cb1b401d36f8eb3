package dev.alertscaler.scaling;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.alertscaler.kubernetes.TargetRef;
import dev.alertscaler.kubernetes.Workload;
import dev.alertscaler.policy.AlertSignal;
import dev.alertscaler.policy.AlertSnapshot;

/**
 * What {@link TargetScaler} is to do for one target: record alerts, apply an on-call action,
 * reconcile — then decide and write.
 *
 * @param listed          the target as a LIST just returned it or the watch cache holds it, to save
 *                        the read on the first attempt (null: read it); after a conflict it is read afresh
 * @param signals         alerts from a notification, recorded as they come
 * @param snapshot        Alertmanager's API view of the target's active alerts, when asked
 * @param scaleDownFrozen why automatic scale-down is frozen now (empty: it is not); asked only when a
 *                        decision would scale down, so that the usual notification reads nothing more
 * @param competitor      what the check for another autoscaler found, if this job made one
 * @param control         an on-call action to apply first (null: none)
 * @param deadline        after it, no further API call is started and the outcome is {@code RETRY}
 */
public record ScaleJob(TargetRef ref, Workload listed, List<AlertSignal> signals, Optional<AlertSnapshot> snapshot,
        Supplier<Optional<String>> scaleDownFrozen, CompetitorCheck competitor, Control control, Instant now,
        Instant deadline) {

    /** A webhook notification's alerts for one target, with the target as cached (null: read it). */
    public static ScaleJob notification(TargetRef ref, Workload cached, List<AlertSignal> signals,
            Supplier<Optional<String>> scaleDownFrozen, Instant now, Instant deadline) {
        return new ScaleJob(ref, cached, signals, Optional.empty(), scaleDownFrozen, CompetitorCheck.NOT_MADE, null,
                now, deadline);
    }

    /** An on-call action on one target. */
    public static ScaleJob action(TargetRef ref, Control control, Supplier<Optional<String>> scaleDownFrozen,
            Instant now, Instant deadline) {
        return new ScaleJob(ref, null, List.of(), Optional.empty(), scaleDownFrozen, CompetitorCheck.NOT_MADE, control,
                now, deadline);
    }
}

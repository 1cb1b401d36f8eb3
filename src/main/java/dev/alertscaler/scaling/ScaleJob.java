package dev.alertscaler.scaling;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.alertscaler.kubernetes.TargetRef;
import dev.alertscaler.kubernetes.Workload;
import dev.alertscaler.policy.AlertSignal;

/**
 * What {@link TargetScaler} is to do for one target: record alerts, apply an on-call action,
 * reconcile — then decide and write.
 *
 * @param listed     the target as a LIST just returned it or the watch cache holds it, to save the
 *                   read on the first attempt (null: read it); after a conflict it is read afresh
 * @param signals    alerts from a notification, recorded as they come
 * @param snapshot   Alertmanager's API view of the target's active alerts, when asked: recorded
 *                   alerts it no longer lists end now
 * @param frozen     scale-down is frozen: the alert signal cannot be trusted now
 * @param competitor another autoscaler that targets the workload (empty: none; null: not
 *                   checked, keep what the state says)
 * @param control    an on-call action to apply first (null: none)
 * @param deadline   after it, no further API call is started and the outcome is {@code RETRY}
 */
public record ScaleJob(TargetRef ref, Workload listed, List<AlertSignal> signals, Optional<List<AlertSignal>> snapshot,
        boolean frozen, Optional<String> competitor, Control control, Instant now, Instant deadline) {

    /** A webhook notification's alerts for one target, with the target as cached (null: read it). */
    public static ScaleJob notification(TargetRef ref, Workload cached, List<AlertSignal> signals, Instant now, Instant deadline) {
        return new ScaleJob(ref, cached, signals, Optional.empty(), false, null, null, now, deadline);
    }

    /** An on-call action on one target. */
    public static ScaleJob action(TargetRef ref, Control control, Instant now, Instant deadline) {
        return new ScaleJob(ref, null, List.of(), Optional.empty(), false, null, control, now, deadline);
    }
}

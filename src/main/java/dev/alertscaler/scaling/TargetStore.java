package dev.alertscaler.scaling;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster as the scaler sees it: targets read, and written with replicas and state in one
 * update guarded by the {@code resourceVersion} they were read at. Implemented over fabric8 in
 * {@code kubernetes/}, by a hand-written fake in tests.
 *
 * <p>Failures are {@link ApiException}s: {@code CONFLICT} (read again and decide again),
 * {@code TRANSIENT} (retry later) or {@code PERMANENT}.
 */
public interface TargetStore {

    /** The target, or empty when it does not exist. */
    Optional<Workload> get(TargetRef ref);

    /** The target as a watch cache holds it, when the cache can vouch for it; empty: {@link #get} it. */
    Optional<Workload> cached(TargetRef ref);

    /** Writes {@code spec.replicas} and the state annotation in one update, guarded by the read's resourceVersion. */
    Workload update(Workload workload, int replicas, String state);

    /** Every opted-in workload of every kind in the scope (a namespace, or empty for all), one LIST per kind. */
    List<Workload> listOptedIn(Optional<String> namespace);

    /** The workloads other autoscalers (HPAs) target in the scope, each with who that is, in one LIST. */
    Map<TargetRef, String> competitors(Optional<String> namespace);
}

package dev.alertscaler.scaling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.alertscaler.policy.ReplicaCounts;

/**
 * A hand-written {@link TargetStore}: workloads in a map, each write guarded by a version number
 * as the API server guards it by {@code resourceVersion}; a test can make the next writes meet
 * another writer (a conflict) and reads the calls made.
 */
final class FakeTargetStore implements TargetStore {

    final Map<TargetRef, Workload> objects = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    /** Before each of the next this many updates, another writer changes the object first. */
    int otherWriters;
    /** What the other writer sets the replicas to. */
    int otherWritersReplicas = -1;
    /** The next this many updates are applied, and then their answer is lost (a transient failure). */
    int lostAnswers;
    /**
     * The next this many updates are applied and then answered 409: an attempt that timed out
     * landed, and the retried attempt met it.
     */
    int appliedThenConflicts;
    /** The next this many updates fail transiently before they are applied. */
    int failuresBeforeApplying;
    /**
     * The next this many updates are held in flight: the caller's attempt times out first (a
     * transient failure), and the write lands just before the next update arrives, if the version
     * it was read at is still the current one.
     */
    int heldWrites;
    private Runnable held;
    private int version;

    Workload put(TargetRef ref, int replicas, Map<String, String> annotations) {
        Workload w = new Workload(ref, new ReplicaCounts(replicas, replicas), Map.of(Annotations.ENABLED_LABEL, "true"),
                Map.copyOf(annotations), "uid-" + ref.name(), String.valueOf(++version), version);
        objects.put(ref, w);
        return w;
    }

    int replicas(TargetRef ref) {
        return objects.get(ref).replicas().current();
    }

    String state(TargetRef ref) {
        return objects.get(ref).annotations().get(Annotations.STATE);
    }

    @Override
    public Optional<Workload> get(TargetRef ref) {
        calls.add("get");
        return Optional.ofNullable(objects.get(ref));
    }

    @Override
    public Optional<Workload> cached(TargetRef ref) {
        return Optional.empty();
    }

    @Override
    public Workload update(Workload workload, int replicas, String state) {
        calls.add("update");
        if (held != null) {
            Runnable landing = held;
            held = null;
            landing.run();
        }
        if (heldWrites > 0) {
            heldWrites--;
            held = () -> {
                if (objects.get(workload.ref()).resourceVersion().equals(workload.resourceVersion())) {
                    write(workload.ref(), replicas, state);
                }
            };
            throw new ApiException.Transient("call for " + workload.ref() + " timed out after 1500 ms", null);
        }
        if (failuresBeforeApplying > 0) {
            failuresBeforeApplying--;
            throw new ApiException.Transient("update " + workload.ref() + " failed: HTTP 503", null);
        }
        Workload stored = objects.get(workload.ref());
        if (otherWriters > 0) {
            otherWriters--;
            int theirs = otherWritersReplicas < 0 ? stored.replicas().current() : otherWritersReplicas;
            stored = put(workload.ref(), theirs, stored.annotations());
        }
        if (!stored.resourceVersion().equals(workload.resourceVersion())) {
            throw new ApiException(ApiException.Kind.CONFLICT, "update " + workload.ref() + ": stale version", null);
        }
        Workload written = write(workload.ref(), replicas, state);
        if (appliedThenConflicts > 0) {
            appliedThenConflicts--;
            throw new ApiException.ConflictAfterRetry(
                    new ApiException(ApiException.Kind.CONFLICT, "update " + workload.ref() + ": stale version", null));
        }
        if (lostAnswers > 0) {
            lostAnswers--;
            throw new ApiException.Transient("update " + workload.ref() + " failed: connection reset", null);
        }
        return written;
    }

    private Workload write(TargetRef ref, int replicas, String state) {
        Map<String, String> annotations = new HashMap<>(objects.get(ref).annotations());
        annotations.put(Annotations.STATE, state);
        // the fake kubelet: every pod ready at once
        return put(ref, replicas, annotations);
    }

    @Override
    public List<Workload> listOptedIn(Optional<String> namespace) {
        return List.copyOf(objects.values());
    }

    @Override
    public Map<TargetRef, String> competitors(Optional<String> namespace) {
        return Map.of();
    }
}

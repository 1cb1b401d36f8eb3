package dev.alertscaler.scaling;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the heartbeat is recorded so that every instance sees the same one (a ConfigMap, in
 * {@code kubernetes/}). Writes are guarded like every other: a concurrent writer is a CONFLICT.
 */
public interface HeartbeatStore {

    /**
     * What is recorded.
     *
     * @param lost    whether an instance already reported the signal lost (so that its Event is written once)
     * @param source  the store's own object, given back on write (empty: none yet)
     * @param corrupt why what is stored could not be read, when it could not: then it counts as no
     *                heartbeat (never a failure), and the next heartbeat overwrites it
     */
    record Heartbeat(Optional<Instant> lastSeen, boolean lost, Optional<Object> source, Optional<String> corrupt) {
    }

    Heartbeat read();

    /** Writes over what was read (creates it when there was nothing). */
    void write(Heartbeat read, Optional<Instant> lastSeen, boolean lost);

    /** The object, for Events about the signal. */
    ObjectRef reference();
}

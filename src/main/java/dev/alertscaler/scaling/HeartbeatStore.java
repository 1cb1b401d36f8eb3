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
     * @param lost   whether an instance already reported the signal lost (so that its Event is written once)
     * @param source the store's own object, given back on write (empty: none yet)
     */
    record Heartbeat(Optional<Instant> lastSeen, boolean lost, Optional<Object> source) {
    }

    Heartbeat read();

    /** Writes over what was read (creates it when there was nothing). */
    void write(Heartbeat read, Optional<Instant> lastSeen, boolean lost);

    /** The object, for Events about the signal. */
    ObjectRef reference();
}

package dev.alertscaler.config;

import java.time.Duration;
import java.util.Optional;


/** The heartbeat: where it is recorded and how old it may get. */
public interface HeartbeatConfig {

    /**
     * When set, no heartbeat alert within this long freezes all scale-down (scale-up still works):
     * "resolved" must not be read as "idle" when the alerting pipeline itself is down.
     */
    Optional<Duration> timeout();

    /** The namespace of the ConfigMap {@code alertscaler-heartbeat}; default: the client's namespace. */
    Optional<String> namespace();
}

package dev.alertscaler.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** The reconciler's schedule. */
public interface ReconcileConfig {

    /** How often the in-process reconciler runs; {@code POST /reconcile} runs it on demand too. */
    @WithDefault("15s")
    Duration interval();
}

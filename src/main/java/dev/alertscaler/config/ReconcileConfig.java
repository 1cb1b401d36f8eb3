package dev.alertscaler.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** The reconciler's schedule. */
public interface ReconcileConfig {

    /** How often the in-process reconciler runs; {@code POST /reconcile} runs it on demand too. */
    @WithDefault("15s")
    Duration interval();

    /**
     * {@code POST /reconcile} needs no token (a PingSource cannot send one) and costs a few
     * cluster-wide LISTs: a call sooner than this after the last reconcile it started is answered
     * with that reconcile's report instead of running another.
     */
    @WithDefault("5s")
    Duration minGap();
}

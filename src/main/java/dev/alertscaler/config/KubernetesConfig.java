package dev.alertscaler.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** The fabric8 client's limits, applied by {@code KubernetesClientTuning}. */
public interface KubernetesConfig {

    /** fabric8's per-host request limit; its default, 5, would queue concurrent notifications behind each other. */
    @WithDefault("32")
    int maxConcurrentRequests();

    /** fabric8's own request timeout: a backstop behind the per-attempt fault-tolerance timeout (1.5 s). */
    @WithDefault("2s")
    Duration requestTimeout();
}

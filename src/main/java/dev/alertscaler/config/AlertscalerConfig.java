package dev.alertscaler.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * alertscaler's configuration: every {@code alertscaler.*} property, with its default, in one
 * mapping split by concern (one interface per group, each in its own file). Validated at start-up
 * by {@link StartupChecks}.
 */
@ConfigMapping(prefix = "alertscaler")
public interface AlertscalerConfig {

    /** Global policy defaults; a target overrides each with its {@code alertscaler.dev/<same name>} annotation. */
    DefaultsConfig defaults();

    /** How Alertmanager authenticates and how long a notification may take. */
    WebhookConfig webhook();

    /** Namespaces whose workloads may be scaled; empty means all that the RBAC allows. */
    Optional<List<String>> namespaces();

    /**
     * A firing alert not seen again for this long counts as resolved from {@code lastSeen + alert-ttl}.
     * Keep the Alertmanager route's {@code repeat_interval} well below it.
     */
    @WithDefault("15m")
    Duration alertTtl();

    /**
     * Dry-run everywhere: every decision is computed, logged and evented ({@code WouldScale}) against
     * shadow replicas kept in the state, and no replica count changes. Per target: the annotation
     * {@code alertscaler.dev/dry-run: "true"}.
     */
    @WithDefault("false")
    boolean dryRun();

    /** The kill switch: nothing is scaled and nothing is written while it is on. */
    @WithDefault("false")
    boolean paused();

    /** The on-call API. */
    OncallConfig oncall();

    /** Signal-loss detection from the always-firing heartbeat alert ({@code AlertscalerHeartbeat}). */
    HeartbeatConfig heartbeat();

    /** The reconciler, which continues scale-up steps and owns scale-down. */
    ReconcileConfig reconcile();

    /** Alertmanager's API, asked by the reconciler which alerts are active (optional). */
    AlertmanagerApiConfig alertmanager();

    /** The fabric8 client's limits. */
    KubernetesConfig kubernetes();

    /** Whether the webhook checks a bearer token. */
    enum Auth { BEARER, NONE }
}

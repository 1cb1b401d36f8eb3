package dev.alertscaler.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.alertscaler.policy.ScalingPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** alertscaler's configuration: every {@code alertscaler.*} property, with its default. */
@ConfigMapping(prefix = "alertscaler")
public interface AlertscalerConfig {

    /** Global policy defaults; a target overrides each with its {@code alertscaler.dev/<same name>} annotation. */
    Defaults defaults();

    /** How Alertmanager authenticates and how long a notification may take. */
    Webhook webhook();

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
    Oncall oncall();

    /** Signal-loss detection from the always-firing heartbeat alert ({@code AlertscalerHeartbeat}). */
    Heartbeat heartbeat();

    /** The on-call API's tokens and limits. */
    interface Oncall {
        /**
         * A file of {@code name=token} lines; the name is recorded as the author of each action. Re-read
         * when it changes. Without it the on-call endpoints answer 401 to everyone.
         */
        Optional<Path> tokensFile();

        /** How long a manual replica count is held when the request gives no {@code holdFor}. */
        @WithDefault("30m")
        Duration defaultHold();

        /** How long a pause lasts when the request gives no {@code until}. */
        @WithDefault("1h")
        Duration defaultPause();

        /** The longest hold or pause accepted: overrides must end by themselves. */
        @WithDefault("24h")
        Duration maxOverride();
    }

    /** The heartbeat: where it is recorded and how old it may get. */
    interface Heartbeat {
        /**
         * When set, no heartbeat alert within this long freezes all scale-down (scale-up still works):
         * "resolved" must not be read as "idle" when the alerting pipeline itself is down.
         */
        Optional<Duration> timeout();

        /** The namespace of the ConfigMap {@code alertscaler-heartbeat}; default: the client's namespace. */
        Optional<String> namespace();
    }

    /** The reconciler, which continues scale-up steps and owns scale-down. */
    Reconcile reconcile();

    /** Alertmanager's API, asked by the reconciler which alerts are active (optional). */
    Alertmanager alertmanager();

    /** The reconciler's schedule. */
    interface Reconcile {
        /** How often the in-process reconciler runs; {@code POST /reconcile} runs it on demand too. */
        @WithDefault("15s")
        Duration interval();
    }

    /** Where the reconciler asks which alerts are active, instead of relying on notifications and the TTL. */
    interface Alertmanager {
        /**
         * Alertmanager's base URL (e.g. {@code http://alertmanager:9093}). When set, each reconcile asks its
         * API v2 for the active alerts routed to {@link #receiver()}, silenced and inhibited ones included (a
         * silence mutes notifications, not the signal); unreachable means the recorded alerts are kept and
         * scale-down is frozen for that tick.
         */
        Optional<java.net.URI> url();

        /**
         * The receiver whose alerts count, as Alertmanager's API filters them: a regular expression
         * matched against the whole receiver name. Alerts routed elsewhere never act.
         */
        @WithDefault("alertscaler")
        String receiver();

        /** How long one request to Alertmanager's API may take. */
        @WithDefault("2s")
        Duration timeout();
    }

    /** The global policy defaults (the seed's values where it has one). */
    interface Defaults {
        /** At least 1: with no pod, HAProxy answers 503 at once instead of queueing, so no queue alert fires. */
        @WithDefault("1")
        int minReplicas();

        @WithDefault("10")
        int maxReplicas();

        /** The smallest scale-up step, in pods. */
        @WithDefault("2")
        int scaleUpPods();

        /** A scale-up step as a percentage of the current replicas (may exceed 100); the larger step wins. */
        @WithDefault("50")
        int scaleUpPercent();

        /** At most one scale-up step per period. */
        @WithDefault("30s")
        Duration scaleUpPeriod();

        /** How long nothing may have fired (and nothing scaled up) before a scale-down. */
        @WithDefault("300s")
        Duration stabilizationWindow();

        /** At most this percentage of the period's starting replicas removed per scale-down period. */
        @WithDefault("25")
        int scaleDownPercent();

        @WithDefault("60s")
        Duration scaleDownPeriod();

        /** Proportional mode: desired = ceil(alert value / this); unset means step mode. */
        Optional<Double> targetValuePerReplica();

        /** These defaults as a policy. */
        default ScalingPolicy toPolicy() {
            return new ScalingPolicy(minReplicas(), maxReplicas(), scaleUpPods(), scaleUpPercent(), scaleUpPeriod(),
                    stabilizationWindow(), scaleDownPercent(), scaleDownPeriod(),
                    targetValuePerReplica().map(OptionalDouble::of).orElse(OptionalDouble.empty()));
        }
    }

    /** The {@code POST /alertmanager} receiver. */
    interface Webhook {
        /** {@code bearer} (the default) or {@code none}, to run without a token on purpose. */
        @WithDefault("bearer")
        Auth auth();

        /** A bearer token Alertmanager must send. */
        Optional<String> token();

        /**
         * A file of bearer tokens, one per line (blank lines and {@code #} comments ignored); re-read when
         * it changes, so a token can be rotated without a restart by listing old and new for a while.
         */
        Optional<Path> tokenFile();

        /**
         * No Kubernetes call is started later than this into a notification: targets not done by
         * then answer 503 so that Alertmanager retries (idempotently). With one call bounded to about
         * 3.1 s (attempts of at most 1.5 s, no retry after 3 s), a notification is answered within
         * about 5 s, inside Alertmanager's budget of max(group_interval, 10s) for all its attempts.
         */
        @WithDefault("2s")
        Duration deadline();

        /**
         * Read targets from a watch cache of the opted-in workloads rather than with one GET per
         * notification ({@link dev.alertscaler.kubernetes.WorkloadCache}); writes stay guarded by
         * {@code resourceVersion}, so a stale cache costs a conflict and a fresh read, never a wrong write.
         * Needs the {@code watch} verb on deployments and statefulsets.
         */
        @WithDefault("true")
        boolean watchCache();

        /** The largest accepted body; larger ones get 413. Size {@code max_alerts} on the receiver to stay under it. */
        @WithDefault("1048576")
        int maxBodyBytes();
    }

    /** Whether the webhook checks a bearer token. */
    enum Auth { BEARER, NONE }
}

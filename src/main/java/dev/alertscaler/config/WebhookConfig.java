package dev.alertscaler.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** The {@code POST /alertmanager} receiver. */
public interface WebhookConfig {

    /** {@code bearer} (the default) or {@code none}, to run without a token on purpose. */
    @WithDefault("bearer")
    AlertscalerConfig.Auth auth();

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
     * about 7 s, inside Alertmanager's budget of max(group_interval, 10s) for all its attempts. A
     * group of a hundred targets delivered to two instances at once takes about 2 s on the mock API
     * of a loaded 2-core machine (TwoInstancesIT); 2 s cut such groups short.
     */
    @WithDefault("4s")
    Duration deadline();

    /**
     * How many targets of notifications are scaled at a time (one pool for all notifications, so
     * also the webhook's bound on API calls in flight; keep it below
     * {@code alertscaler.kubernetes.max-concurrent-requests}). A group of a hundred targets is
     * done in a fraction of the deadline.
     */
    @WithDefault("8")
    int targetConcurrency();

    /**
     * Read targets from a watch cache of the opted-in workloads rather than with one GET per
     * notification ({@link dev.alertscaler.kubernetes.WorkloadCache}); writes stay guarded by
     * {@code resourceVersion}, so a stale cache costs a conflict and a fresh read, never a wrong write.
     * Needs the {@code watch} verb on deployments and statefulsets.
     */
    @WithDefault("true")
    boolean watchCache();

    /**
     * How long a caller with an accepted token has to send its whole body; then its connection is
     * closed (counted as {@code slow_body}). Alertmanager sends a notification in milliseconds.
     */
    @WithDefault("10s")
    Duration bodyTimeout();

    /** The largest accepted body; larger ones get 413. Size {@code max_alerts} on the receiver to stay under it. */
    @WithDefault("1048576")
    int maxBodyBytes();
}

package dev.alertscaler.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** Where the reconciler asks which alerts are active, instead of relying on notifications and the TTL. */
public interface AlertmanagerApiConfig {

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

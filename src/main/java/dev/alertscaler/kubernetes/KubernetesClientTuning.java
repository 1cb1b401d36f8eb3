package dev.alertscaler.kubernetes;

import java.time.Duration;

import jakarta.inject.Singleton;

import dev.alertscaler.config.AlertscalerConfig;
import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;

/**
 * Sets the fabric8 client up for a scaler: no hidden retries (SmallRye Fault Tolerance owns them,
 * so a failed call reaches our code at once) and enough concurrent requests for concurrent webhooks.
 */
@Singleton
public class KubernetesClientTuning implements KubernetesConfigCustomizer {

    private final int maxConcurrentRequests;
    private final Duration requestTimeout;

    public KubernetesClientTuning(AlertscalerConfig config) {
        this.maxConcurrentRequests = config.kubernetes().maxConcurrentRequests();
        this.requestTimeout = config.kubernetes().requestTimeout();
    }

    /** Our requests say who sends them: in audit logs, and to the test that derives our RBAC from them. */
    public static final String USER_AGENT = "alertscaler";

    @Override
    public void customize(Config config) {
        config.setUserAgent(USER_AGENT);
        // fabric8 defaults to 10 retries with exponential backoff from 100 ms: a webhook would
        // hang for minutes behind them, and our retries would multiply theirs
        config.setRequestRetryBackoffLimit(0);
        // fabric8 defaults to 5 requests per host: concurrent notifications would queue behind each other
        config.setMaxConcurrentRequestsPerHost(maxConcurrentRequests);
        config.setMaxConcurrentRequests(Math.max(maxConcurrentRequests, config.getMaxConcurrentRequests()));
        config.setRequestTimeout((int) requestTimeout.toMillis());
        config.setConnectionTimeout((int) Math.min(requestTimeout.toMillis(), 1000));
    }
}

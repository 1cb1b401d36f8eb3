package dev.alertscaler.alertmanager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code alertscaler_webhook_requests_total{outcome}}: Alertmanager drops 4xx answers silently, so
 * this counter is where a wrong token or an oversized notification shows; and
 * {@code alertscaler_webhook_ignored_alerts_total{reason}}: alerts that reached the webhook but
 * cannot act, e.g. foreign alerts without {@code alertscaler_role} that a route sends here.
 */
@ApplicationScoped
public class WebhookMetrics {

    private static final String REQUESTS = "alertscaler_webhook_requests_total";
    private static final String IGNORED_ALERTS = "alertscaler_webhook_ignored_alerts_total";

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Every outcome exists at 0 from the start, so that an alert on its increase sees the first one. */
    void registerAtStartup(@Observes StartupEvent event) {
        for (WebhookOutcome outcome : WebhookOutcome.values()) {
            requests(outcome);
        }
        for (IgnoredBecause reason : IgnoredBecause.values()) {
            ignoredCounter(reason);
        }
    }

    void ignored(IgnoredBecause reason) {
        ignoredCounter(reason).increment();
    }

    private Counter ignoredCounter(IgnoredBecause reason) {
        return registry.counter(IGNORED_ALERTS, "reason", reason.label());
    }

    void count(WebhookOutcome outcome) {
        requests(outcome).increment();
    }

    private Counter requests(WebhookOutcome outcome) {
        return registry.counter(REQUESTS, "outcome", outcome.label());
    }
}

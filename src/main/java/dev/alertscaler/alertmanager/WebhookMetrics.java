package dev.alertscaler.alertmanager;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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

    static final List<String> OUTCOMES = List.of("ok", "retry", "unauthorized", "forbidden", "malformed", "too_large");

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Every outcome exists at 0 from the start, so that an alert on its increase sees the first one. */
    void registerAtStartup(@Observes StartupEvent event) {
        OUTCOMES.forEach(outcome -> registry.counter("alertscaler_webhook_requests_total", "outcome", outcome));
        for (IgnoredBecause reason : IgnoredBecause.values()) {
            ignoredCounter(reason);
        }
    }

    void ignored(IgnoredBecause reason) {
        ignoredCounter(reason).increment();
    }

    private io.micrometer.core.instrument.Counter ignoredCounter(IgnoredBecause reason) {
        return registry.counter("alertscaler_webhook_ignored_alerts_total", "reason", reason.label());
    }

    void count(String outcome) {
        registry.counter("alertscaler_webhook_requests_total", "outcome", outcome).increment();
    }
}

package dev.alertscaler.scaling;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.alertscaler.kubernetes.TargetRef;
import dev.alertscaler.policy.AlertRole;
import dev.alertscaler.policy.Reason;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** The scaling metrics named in the design: counters of changes and per-target gauges. */
@ApplicationScoped
public class ScalingMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

    public ScalingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts one applied change in {@code alertscaler_scale_total{direction,reason}}. */
    public void scaled(Reason reason) {
        registry.counter("alertscaler_scale_total",
                "direction", reason.direction().name().toLowerCase(java.util.Locale.ROOT),
                "reason", reason.label()).increment();
    }

    /** Sets {@code alertscaler_desired_replicas} for the target. */
    public void desired(TargetRef ref, int replicas) {
        gauge("alertscaler_desired_replicas", targetTags(ref)).set(replicas);
    }

    /** Sets {@code alertscaler_firing_alerts} for the target and role. */
    public void firing(TargetRef ref, AlertRole role, int count) {
        gauge("alertscaler_firing_alerts", targetTags(ref).and("role", role.label())).set(count);
    }

    private static Tags targetTags(TargetRef ref) {
        return Tags.of("namespace", ref.namespace(), "kind", ref.kind().plural(), "name", ref.name());
    }

    private AtomicInteger gauge(String name, Tags tags) {
        return gauges.computeIfAbsent(name + tags, key -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(name, value, AtomicInteger::get).tags(tags).register(registry);
            return value;
        });
    }
}

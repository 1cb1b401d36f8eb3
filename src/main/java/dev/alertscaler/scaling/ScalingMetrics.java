package dev.alertscaler.scaling;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.alertscaler.scaling.TargetRef;
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
    private final Map<String, Gauge> meters = new ConcurrentHashMap<>();

    public ScalingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counts one change in {@code alertscaler_scale_total{direction,reason}}; a dry-run's would-be
     * change counts with {@code dry_run="true"}, so that it is never mistaken for a real one.
     */
    public void scaled(int from, int to, Reason reason, boolean dryRun) {
        registry.counter("alertscaler_scale_total", "direction", to > from ? "up" : "down",
                "reason", reason.label(), "dry_run", String.valueOf(dryRun)).increment();
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
            meters.put(key, Gauge.builder(name, value, AtomicInteger::get).tags(tags).strongReference(true).register(registry));
            return value;
        });
    }

    /** Micrometer keeps a gauge bound to its first object: remove them with this bean, so that a restart rebinds them. */
    @PreDestroy
    void removeGauges() {
        meters.values().forEach(registry::remove);
    }
}

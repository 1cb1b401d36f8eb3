package dev.alertscaler.e2e;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Runs the {@link HpaModel} of KEDA + HPA in place of alertscaler: every HPA sync (15 s, scaled)
 * it asks Prometheus the seed's query, as KEDA's Prometheus scaler does on the HPA's request, and
 * writes the model's answer to {@code spec.replicas}. An empty result counts as 0, as KEDA's
 * {@code ignoreNullValues} default does.
 */
final class HpaLoop implements AutoCloseable {

    private final HpaModel model;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private volatile String failure;

    HpaLoop(Scenario scenario, MonitoringStack monitoring, KubernetesClient client, String namespace, String name, String query) {
        this.model = new HpaModel(1, Scenario.MAX_REPLICAS, Scenario.THRESHOLD, scenario.compression());
        long period = scenario.scaled(java.time.Duration.ofSeconds(15)).toMillis();
        timer.scheduleAtFixedRate(() -> {
            try {
                double metric = monitoring.query(query).orElse(0);
                Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
                int spec = d.getSpec().getReplicas();
                int status = d.getStatus() == null || d.getStatus().getReplicas() == null ? spec : d.getStatus().getReplicas();
                int desired = model.sync(Instant.now(), metric, spec, status);
                if (desired != spec) {
                    client.apps().deployments().inNamespace(namespace).withName(name).scale(desired);
                }
            } catch (RuntimeException e) {
                failure = e.toString();
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    String failure() {
        return failure;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

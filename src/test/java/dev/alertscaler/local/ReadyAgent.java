package dev.alertscaler.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Plays the kubelet for the mock API, which never fills in {@code status}: once a Deployment's
 * {@code spec.replicas} has differed from {@code status.readyReplicas} for the ready delay (a pod's
 * start-up), it sets the status to match.
 */
public final class ReadyAgent implements AutoCloseable {

    private final KubernetesClient client;
    private final Duration readyDelay;
    private final Map<String, Instant> pendingSince = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ready-agent");
        t.setDaemon(true);
        return t;
    });

    private ReadyAgent(KubernetesClient client, Duration readyDelay) {
        this.client = client;
        this.readyDelay = readyDelay;
    }

    public static ReadyAgent start(KubernetesClient client, Duration readyDelay) {
        ReadyAgent agent = new ReadyAgent(client, readyDelay);
        agent.timer.scheduleWithFixedDelay(agent::tick, 0, 250, TimeUnit.MILLISECONDS);
        return agent;
    }

    private void tick() {
        try {
            for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
                String key = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
                int spec = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
                if (ready != null && ready == spec) {
                    pendingSince.remove(key);
                    continue;
                }
                Instant since = pendingSince.computeIfAbsent(key, k -> Instant.now());
                if (Duration.between(since, Instant.now()).compareTo(readyDelay) >= 0) {
                    d.setStatus(new DeploymentStatusBuilder().withReplicas(spec).withReadyReplicas(spec)
                            .withAvailableReplicas(spec).withUpdatedReplicas(spec).build());
                    client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d).updateStatus();
                    pendingSince.remove(key);
                }
            }
        } catch (KubernetesClientException e) {
            // a conflict with alertscaler's own write: try again on the next tick
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package dev.alertscaler.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Makes the replica count real: watches the Deployment's {@code spec.replicas} in the mock API and,
 * like a kubelet, brings new pods up after their start-up time (turning HAProxy server slots on
 * through the runtime API) and takes removed ones down at once; it reports ready pods in
 * {@code status.readyReplicas}, which the mock API never fills in. It also notes when
 * {@code spec.replicas} changed, to the 200 ms of its poll: the same clock for every scaler.
 */
final class PodAgent implements AutoCloseable {

    private final KubernetesClient client;
    private final Haproxy haproxy;
    private final Duration podStart;
    private final String namespace;
    private final String name;
    private final Deque<Instant> starting = new ArrayDeque<>();
    private int ready = 1;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private volatile String failure;
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private int lastSpec = -1;

    /** A change of {@code spec.replicas}, as first seen. */
    record Change(Instant at, int from, int to) {
    }

    PodAgent(KubernetesClient client, Haproxy haproxy, Duration podStart, String namespace, String name) {
        this.client = client;
        this.haproxy = haproxy;
        this.podStart = podStart;
        this.namespace = namespace;
        this.name = name;
        timer.scheduleWithFixedDelay(this::tick, 0, 200, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
            int wanted = Math.min(d.getSpec().getReplicas(), Scenario.MAX_REPLICAS);
            Instant now = Instant.now();
            if (lastSpec >= 0 && d.getSpec().getReplicas() != lastSpec) {
                changes.add(new Change(now, lastSpec, d.getSpec().getReplicas()));
            }
            lastSpec = d.getSpec().getReplicas();
            while (ready + starting.size() < wanted) {
                starting.addLast(now.plus(podStart));
            }
            while (ready + starting.size() > wanted && !starting.isEmpty()) {
                starting.removeLast();
            }
            while (ready > wanted) {
                haproxy.setReady(ready, false); // the highest slot goes first
                ready--;
            }
            while (!starting.isEmpty() && !starting.peekFirst().isAfter(now)) {
                starting.removeFirst();
                ready++;
                haproxy.setReady(ready, true);
            }
            Integer reported = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
            if (reported == null || reported != ready) {
                d.setStatus(new DeploymentStatusBuilder().withReplicas(ready + starting.size()).withReadyReplicas(ready)
                        .withAvailableReplicas(ready).build());
                client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
            }
        } catch (Exception e) {
            // a conflict with alertscaler's own write is retried on the next tick; anything else is kept
            if (!String.valueOf(e.getMessage()).contains("409")) {
                failure = e.toString();
            }
        }
    }

    int ready() {
        return ready;
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    String failure() {
        return failure;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

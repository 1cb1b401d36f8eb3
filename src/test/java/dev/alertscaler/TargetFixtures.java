package dev.alertscaler;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Creates targets in the mock API and reads back what alertscaler did to them. */
public final class TargetFixtures {

    private final KubernetesClient client;

    public TargetFixtures(KubernetesClient client) {
        this.client = client;
    }

    /** An opted-in Deployment with the given replicas (all ready) and policy annotations. */
    public Deployment deployment(String namespace, String name, int replicas, Map<String, String> annotations) {
        return deployment(namespace, name, replicas, Map.of("alertscaler.dev/enabled", "true"), annotations);
    }

    public Deployment deployment(String namespace, String name, int replicas, Map<String, String> labels,
            Map<String, String> annotations) {
        Deployment created = client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        return markReady(namespace, name);
    }

    public StatefulSet statefulSet(String namespace, String name, int replicas) {
        return client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("alertscaler.dev/enabled", "true").endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
    }

    /** Plays the kubelet: all of {@code spec.replicas} ready (the mock never fills in status). */
    public Deployment markReady(String namespace, String name) {
        Deployment d = get(namespace, name);
        int replicas = d.getSpec().getReplicas();
        d.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas).build());
        return client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
    }

    public Deployment get(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    public int replicas(String namespace, String name) {
        return get(namespace, name).getSpec().getReplicas();
    }

    public String resourceVersion(String namespace, String name) {
        return get(namespace, name).getMetadata().getResourceVersion();
    }

    /** The Events alertscaler recorded on the named object, oldest first. */
    public List<Event> events(String namespace, String name) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .toList();
    }

    public List<Event> events(String namespace, String name, String reason) {
        return events(namespace, name).stream().filter(e -> reason.equals(e.getReason())).toList();
    }
}

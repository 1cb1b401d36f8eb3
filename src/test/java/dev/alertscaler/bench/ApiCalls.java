package dev.alertscaler.bench;

import java.util.List;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** alertscaler's requests to the mock API, by kind; and seeding the mock with opted-in Deployments. */
record ApiCalls(int total, int reads, int writes, int events) {

    static ApiCalls of(List<String> requests) {
        int reads = 0;
        int writes = 0;
        int events = 0;
        for (String r : requests) {
            if (r.contains("/events")) {
                events++;
            } else if (r.startsWith("GET ")) {
                reads++;
            } else {
                writes++;
            }
        }
        return new ApiCalls(requests.size(), reads, writes, events);
    }

    /** Creates {@code count} opted-in Deployments {@code prefix-0 … prefix-(count-1)} in default, at 1 replica. */
    static void seed(KubernetesClient client, String prefix, int count, java.util.Map<String, String> annotations) {
        java.util.stream.IntStream.range(0, count).parallel().forEach(i -> {
            Deployment d = new DeploymentBuilder()
                    .withNewMetadata().withName(prefix + "-" + i).withNamespace("default")
                    .addToLabels("app", prefix).addToLabels("alertscaler.dev/enabled", "true")
                    .addToAnnotations("alertscaler.dev/max-replicas", "10").addToAnnotations(annotations).endMetadata()
                    .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", prefix).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", prefix).endMetadata()
                    .withNewSpec().addNewContainer().withName("app").withImage("quay.io/nickmramirez/webapp:latest").endContainer()
                    .endSpec().endTemplate().endSpec().build();
            client.resource(d).create();
        });
    }
}

package dev.alertscaler.kubernetes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes the first API call and the first (de)serialization of a workload at start-up, in the
 * background: on a cold JVM they take longer than the per-call timeout, and the first notification
 * after a start would otherwise be answered 503.
 */
@ApplicationScoped
public class ClientWarmUp {

    private static final Logger LOG = Logger.getLogger(ClientWarmUp.class);

    void warmUp(@Observes StartupEvent event, KubernetesClient client, ManagedExecutor executor) {
        executor.runAsync(() -> {
            try {
                Deployment sample = new DeploymentBuilder().withNewMetadata().withName("warm-up").endMetadata()
                        .withNewSpec().withReplicas(1).endSpec().build();
                var serialization = client.getKubernetesSerialization();
                serialization.unmarshal(serialization.asJson(sample), GenericKubernetesResource.class);
                LOG.debugf("Kubernetes API %s, version %s", client.getMasterUrl(),
                        client.getKubernetesVersion().getGitVersion());
            } catch (RuntimeException e) {
                LOG.warnf("Kubernetes API not reachable at start-up (%s); notifications will retry", e.getMessage());
            }
        });
    }
}

package dev.alertscaler.kubernetes;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.alertscaler.config.AlertscalerConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The heartbeat, recorded where every instance sees it: the ConfigMap {@code alertscaler-heartbeat}
 * in the service's namespace, with when the last heartbeat alert arrived and whether the signal is
 * currently reported lost. Writes are guarded by {@code resourceVersion} like every other.
 */
@ApplicationScoped
public class HeartbeatStore {

    public static final String NAME = "alertscaler-heartbeat";
    static final String LAST_SEEN = "lastSeen";
    static final String SIGNAL = "signal";

    private final KubernetesClient client;
    private final String namespace;

    public HeartbeatStore(KubernetesClient client, AlertscalerConfig config) {
        this.client = client;
        this.namespace = config.heartbeat().namespace()
                .orElseGet(() -> client.getNamespace() == null ? "default" : client.getNamespace());
    }

    /**
     * What the ConfigMap says.
     *
     * @param lost whether an instance already reported the signal lost (so that its Event is written once)
     */
    public record Heartbeat(Optional<Instant> lastSeen, boolean lost, Optional<ConfigMap> object) {
    }

    @Timeout(1500)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 3000,
            retryOn = { ApiException.Transient.class, TimeoutException.class })
    public Heartbeat read() {
        try {
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(NAME).get();
            if (map == null) {
                return new Heartbeat(Optional.empty(), false, Optional.empty());
            }
            Map<String, String> data = map.getData() == null ? Map.of() : map.getData();
            Optional<Instant> lastSeen = Optional.ofNullable(data.get(LAST_SEEN)).map(Instant::parse);
            return new Heartbeat(lastSeen, "lost".equals(data.get(SIGNAL)), Optional.of(map));
        } catch (KubernetesClientException e) {
            throw WorkloadClient.classify("read heartbeat " + namespace + "/" + NAME, e);
        }
    }

    /**
     * Writes the heartbeat state over what was read (create when absent), guarded by its
     * {@code resourceVersion}.
     *
     * @throws ApiException of kind CONFLICT when another instance wrote it first
     */
    @Timeout(1500)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 3000,
            retryOn = { ApiException.Transient.class, TimeoutException.class })
    public void write(Heartbeat read, Optional<Instant> lastSeen, boolean lost) {
        ConfigMapBuilder b = read.object().map(ConfigMapBuilder::new)
                .orElseGet(() -> new ConfigMapBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
                        .addToLabels("app.kubernetes.io/managed-by", "alertscaler").endMetadata());
        lastSeen.ifPresent(t -> b.addToData(LAST_SEEN, t.toString()));
        b.addToData(SIGNAL, lost ? "lost" : "ok");
        try {
            if (read.object().isPresent()) {
                client.configMaps().inNamespace(namespace).resource(b.build()).update();
            } else {
                client.configMaps().inNamespace(namespace).resource(b.build()).create();
            }
        } catch (KubernetesClientException e) {
            // a create that meets an existing object (409) is a conflict like a stale update
            throw WorkloadClient.classify("write heartbeat " + namespace + "/" + NAME, e);
        }
    }

    /** The ConfigMap, for Events about the signal. */
    public ObjectReference reference() {
        return new ObjectReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withNamespace(namespace)
                .withName(NAME).build();
    }
}

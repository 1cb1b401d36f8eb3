package dev.alertscaler.kubernetes;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.scaling.ApiException;
import dev.alertscaler.scaling.HeartbeatStore;
import dev.alertscaler.scaling.ObjectRef;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The heartbeat in the ConfigMap {@code alertscaler-heartbeat} in the service's namespace: when the
 * last heartbeat alert arrived and whether the signal is currently reported lost.
 */
@ApplicationScoped
public class ConfigMapHeartbeats implements HeartbeatStore {

    public static final String NAME = "alertscaler-heartbeat";
    static final String LAST_SEEN = "lastSeen";
    static final String SIGNAL = "signal";

    private final KubernetesClient client;
    private final String namespace;

    public ConfigMapHeartbeats(KubernetesClient client, AlertscalerConfig config) {
        this.client = client;
        this.namespace = config.heartbeat().namespace()
                .orElseGet(() -> client.getNamespace() == null ? "default" : client.getNamespace());
    }

    @Override
    @Timeout(ApiCalls.ATTEMPT_TIMEOUT_MS)
    @Retry(maxRetries = ApiCalls.RETRIES, delay = ApiCalls.RETRY_DELAY_MS, jitter = ApiCalls.RETRY_JITTER_MS,
            maxDuration = ApiCalls.RETRY_BUDGET_MS, retryOn = { ApiException.Transient.class, TimeoutException.class })
    public Heartbeat read() {
        try {
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(NAME).get();
            if (map == null) {
                return new Heartbeat(Optional.empty(), false, Optional.empty(), Optional.empty());
            }
            Map<String, String> data = map.getData() == null ? Map.of() : map.getData();
            try {
                Optional<Instant> lastSeen = Optional.ofNullable(data.get(LAST_SEEN)).map(Instant::parse);
                return new Heartbeat(lastSeen, "lost".equals(data.get(SIGNAL)), Optional.of(map), Optional.empty());
            } catch (DateTimeParseException e) {
                // corrupt stored data is no data: no heartbeat known, and the next one overwrites it
                return new Heartbeat(Optional.empty(), "lost".equals(data.get(SIGNAL)), Optional.of(map),
                        Optional.of(LAST_SEEN + " is not a time: " + e.getParsedString()));
            }
        } catch (KubernetesClientException e) {
            throw ApiCalls.classify("read heartbeat " + namespace + "/" + NAME, e);
        }
    }

    @Override
    @Timeout(ApiCalls.ATTEMPT_TIMEOUT_MS)
    @Retry(maxRetries = ApiCalls.RETRIES, delay = ApiCalls.RETRY_DELAY_MS, jitter = ApiCalls.RETRY_JITTER_MS,
            maxDuration = ApiCalls.RETRY_BUDGET_MS, retryOn = { ApiException.Transient.class, TimeoutException.class })
    public void write(Heartbeat read, Optional<Instant> lastSeen, boolean lost) {
        ConfigMapBuilder b = read.source().map(o -> new ConfigMapBuilder((ConfigMap) o))
                .orElseGet(() -> new ConfigMapBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
                        .addToLabels("app.kubernetes.io/managed-by", "alertscaler").endMetadata());
        lastSeen.ifPresent(t -> b.addToData(LAST_SEEN, t.toString()));
        b.addToData(SIGNAL, lost ? "lost" : "ok");
        try {
            if (read.source().isPresent()) {
                client.configMaps().inNamespace(namespace).resource(b.build()).update();
            } else {
                client.configMaps().inNamespace(namespace).resource(b.build()).create();
            }
        } catch (KubernetesClientException e) {
            // a create that meets an existing object (409) is a conflict like a stale update
            throw ApiCalls.classify("write heartbeat " + namespace + "/" + NAME, e);
        }
    }

    @Override
    public ObjectRef reference() {
        return new ObjectRef("v1", "ConfigMap", namespace, NAME, null);
    }
}

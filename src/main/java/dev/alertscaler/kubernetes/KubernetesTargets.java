package dev.alertscaler.kubernetes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.alertscaler.scaling.ApiException;
import dev.alertscaler.scaling.TargetRef;
import dev.alertscaler.scaling.TargetStore;
import dev.alertscaler.scaling.Workload;
import dev.alertscaler.scaling.WorkloadKind;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The {@link TargetStore} over fabric8: targets of every {@link WorkloadKind} through one generic
 * resource client (no per-kind code), reads optionally from the {@link WorkloadCache}, writes of
 * replicas and state in one update guarded by {@code resourceVersion}. Bounds: {@link ApiCalls}; reads and
 * writes of one target go through its own breaker ({@link TargetGuards}).
 */
@ApplicationScoped
public class KubernetesTargets implements TargetStore {

    private final KubernetesClient client;
    private final WorkloadResources resources;
    private final WorkloadCache cache;
    private final TargetGuards guards = new TargetGuards();

    public KubernetesTargets(KubernetesClient client, WorkloadCache cache) {
        this.client = client;
        this.resources = new WorkloadResources(client);
        this.cache = cache;
    }

    @Override
    public Optional<Workload> get(TargetRef ref) {
        return guards.call(ref, () -> {
            try {
                return resources.get(ref);
            } catch (KubernetesClientException e) {
                throw ApiCalls.classify("read " + ref, e);
            }
        }, new TypeLiteral<Optional<Workload>>() { });
    }

    @Override
    public Optional<Workload> cached(TargetRef ref) {
        return cache.find(ref);
    }

    @Override
    public Workload update(Workload workload, int replicas, String state) {
        return guards.call(workload.ref(), () -> {
            try {
                return resources.update(workload, replicas, state);
            } catch (KubernetesClientException e) {
                throw ApiCalls.classify("update " + workload.ref(), e);
            }
        }, new TypeLiteral<Workload>() { });
    }

    @Override
    @Timeout(ApiCalls.LIST_TIMEOUT_MS)
    @Retry(maxRetries = ApiCalls.RETRIES, delay = ApiCalls.LIST_RETRY_DELAY_MS, jitter = ApiCalls.LIST_RETRY_JITTER_MS,
            retryOn = { ApiException.Transient.class, TimeoutException.class })
    public List<Workload> listOptedIn(Optional<String> namespace) {
        List<Workload> all = new ArrayList<>();
        for (WorkloadKind kind : WorkloadKind.values()) {
            try {
                all.addAll(resources.listOptedIn(kind, namespace));
            } catch (KubernetesClientException e) {
                throw ApiCalls.classify("list " + kind.plural() + namespace.map(n -> " in " + n).orElse(""), e);
            }
        }
        return all;
    }

    @Override
    @Timeout(ApiCalls.LIST_TIMEOUT_MS)
    @Retry(maxRetries = ApiCalls.RETRIES, delay = ApiCalls.LIST_RETRY_DELAY_MS, jitter = ApiCalls.LIST_RETRY_JITTER_MS,
            retryOn = { ApiException.Transient.class, TimeoutException.class })
    public Map<TargetRef, String> competitors(Optional<String> namespace) {
        try {
            var hpas = namespace.isPresent()
                    ? client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace.get())
                    : client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace();
            Map<TargetRef, String> targets = new HashMap<>();
            for (HorizontalPodAutoscaler hpa : hpas.list().getItems()) {
                var ref = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
                Optional<WorkloadKind> kind = ref == null ? Optional.empty()
                        : WorkloadKind.fromApiKind(ref.getApiVersion(), ref.getKind());
                kind.ifPresent(k -> targets.put(new TargetRef(hpa.getMetadata().getNamespace(), k, ref.getName()),
                        "HorizontalPodAutoscaler " + hpa.getMetadata().getNamespace() + "/" + hpa.getMetadata().getName()
                                + madeBy(hpa)));
            }
            return targets;
        } catch (KubernetesClientException e) {
            throw ApiCalls.classify("list horizontalpodautoscalers" + namespace.map(n -> " in " + n).orElse(""), e);
        }
    }

    /** " (made by KEDA ScaledObject ns/name)" for the HPA KEDA creates per ScaledObject; "" otherwise. */
    private static String madeBy(HorizontalPodAutoscaler hpa) {
        return hpa.getMetadata().getOwnerReferences().stream()
                .filter(o -> "ScaledObject".equals(o.getKind()) && o.getApiVersion() != null
                        && o.getApiVersion().startsWith("keda.sh/"))
                .findFirst()
                .map(o -> " (made by KEDA ScaledObject " + hpa.getMetadata().getNamespace() + "/" + o.getName() + ")")
                .orElse("");
    }
}

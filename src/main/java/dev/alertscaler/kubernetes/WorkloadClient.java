package dev.alertscaler.kubernetes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.alertscaler.policy.ReplicaCounts;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Reads targets and writes replicas with state, one update guarded by {@code resourceVersion}.
 *
 * <p>Retries belong to SmallRye Fault Tolerance alone (fabric8's own are switched off in
 * {@link KubernetesClientTuning}): a transient failure is retried up to twice with a short backoff,
 * each attempt bounded to 1.5 s and no retry started after 3 s, so one call takes at most about
 * 3.1 s; a circuit breaker stops hammering an API that is down. Conflicts are not retried here: the caller must read again and decide again.
 */
@ApplicationScoped
public class WorkloadClient {

    private final KubernetesClient client;

    public WorkloadClient(KubernetesClient client) {
        this.client = client;
    }

    /** The target, or empty when it does not exist. */
    @Timeout(1500)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 3000, retryOn = { ApiException.Transient.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.75, delay = 5000,
            failOn = { ApiException.Transient.class, TimeoutException.class })
    public Optional<Workload> get(TargetRef ref) {
        try {
            HasMetadata object = switch (ref.kind()) {
                case DEPLOYMENT -> client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
                case STATEFULSET -> client.apps().statefulSets().inNamespace(ref.namespace()).withName(ref.name()).get();
            };
            return Optional.ofNullable(object).map(o -> toWorkload(ref, o));
        } catch (KubernetesClientException e) {
            throw classify("read " + ref, e);
        }
    }

    /**
     * Writes {@code spec.replicas} and the state annotation in one update, with the
     * {@code resourceVersion} the workload was read at as precondition.
     *
     * @throws ApiException of kind {@link ApiException.Kind#CONFLICT} when the object changed since
     */
    @Timeout(1500)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 3000, retryOn = { ApiException.Transient.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.75, delay = 5000,
            failOn = { ApiException.Transient.class, TimeoutException.class })
    public Workload update(Workload workload, int replicas, String state) {
        TargetRef ref = workload.ref();
        try {
            HasMetadata updated = switch (ref.kind()) {
                case DEPLOYMENT -> client.apps().deployments().inNamespace(ref.namespace())
                        .resource(new DeploymentBuilder((Deployment) workload.object())
                                .editSpec().withReplicas(replicas).endSpec()
                                .editMetadata().addToAnnotations(Workload.STATE_ANNOTATION, state).endMetadata()
                                .build())
                        .update();
                case STATEFULSET -> client.apps().statefulSets().inNamespace(ref.namespace())
                        .resource(new StatefulSetBuilder((StatefulSet) workload.object())
                                .editSpec().withReplicas(replicas).endSpec()
                                .editMetadata().addToAnnotations(Workload.STATE_ANNOTATION, state).endMetadata()
                                .build())
                        .update();
            };
            return toWorkload(ref, updated);
        } catch (KubernetesClientException e) {
            throw classify("update " + ref, e);
        }
    }

    /**
     * Every opted-in workload of a kind, in one LIST by label (per namespace when given, else across
     * all namespaces): the cost of a reconcile tick does not grow with the number of targets.
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = { ApiException.Transient.class, TimeoutException.class })
    public List<Workload> listOptedIn(WorkloadKind kind, Optional<String> namespace) {
        try {
            List<? extends HasMetadata> items = switch (kind) {
                case DEPLOYMENT -> (namespace.isPresent()
                        ? client.apps().deployments().inNamespace(namespace.get())
                        : client.apps().deployments().inAnyNamespace())
                        .withLabel(Workload.ENABLED_LABEL, "true").list().getItems();
                case STATEFULSET -> (namespace.isPresent()
                        ? client.apps().statefulSets().inNamespace(namespace.get())
                        : client.apps().statefulSets().inAnyNamespace())
                        .withLabel(Workload.ENABLED_LABEL, "true").list().getItems();
            };
            List<Workload> workloads = new ArrayList<>(items.size());
            for (HasMetadata item : items) {
                workloads.add(toWorkload(new TargetRef(item.getMetadata().getNamespace(), kind,
                        item.getMetadata().getName()), item));
            }
            return workloads;
        } catch (KubernetesClientException e) {
            throw classify("list " + kind.plural() + namespace.map(n -> " in " + n).orElse(""), e);
        }
    }

    /**
     * The workloads that a HorizontalPodAutoscaler targets, each with that HPA's name, in one LIST.
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = { ApiException.Transient.class, TimeoutException.class })
    public Map<TargetRef, String> hpaTargets(Optional<String> namespace) {
        try {
            var hpas = namespace.isPresent()
                    ? client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace.get())
                    : client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace();
            Map<TargetRef, String> targets = new HashMap<>();
            for (HorizontalPodAutoscaler hpa : hpas.list().getItems()) {
                var ref = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
                Optional<WorkloadKind> kind = ref == null ? Optional.empty() : WorkloadKind.fromApiKind(ref.getKind());
                kind.ifPresent(k -> targets.put(new TargetRef(hpa.getMetadata().getNamespace(), k, ref.getName()),
                        "HorizontalPodAutoscaler " + hpa.getMetadata().getNamespace() + "/" + hpa.getMetadata().getName()
                                + madeBy(hpa)));
            }
            return targets;
        } catch (KubernetesClientException e) {
            throw classify("list horizontalpodautoscalers" + namespace.map(n -> " in " + n).orElse(""), e);
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

    static Workload toWorkload(TargetRef ref, HasMetadata object) {
        Integer specReplicas;
        Integer ready;
        if (object instanceof Deployment d) {
            specReplicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
            ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
        } else {
            StatefulSet s = (StatefulSet) object;
            specReplicas = s.getSpec() == null ? null : s.getSpec().getReplicas();
            ready = s.getStatus() == null ? null : s.getStatus().getReadyReplicas();
        }
        // an absent spec.replicas means 1 (the API's default); an absent readyReplicas means none ready
        return new Workload(ref,
                new ReplicaCounts(specReplicas == null ? 1 : specReplicas, ready == null ? 0 : ready),
                nonNull(object.getMetadata().getLabels()), nonNull(object.getMetadata().getAnnotations()), object);
    }

    private static Map<String, String> nonNull(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    static ApiException classify(String what, KubernetesClientException e) {
        int code = e.getCode();
        String message = what + " failed: " + (code > 0 ? "HTTP " + code + " " : "") + e.getMessage();
        if (code == 409) {
            return new ApiException(ApiException.Kind.CONFLICT, message, e);
        }
        // code 0: no HTTP answer at all (refused, reset, timed out)
        if (code == 0 || code == 429 || code >= 500) {
            return new ApiException.Transient(message, e);
        }
        return new ApiException(ApiException.Kind.PERMANENT, message, e);
    }
}

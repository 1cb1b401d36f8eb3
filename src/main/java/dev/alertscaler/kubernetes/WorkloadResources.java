package dev.alertscaler.kubernetes;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.alertscaler.policy.ReplicaCounts;
import dev.alertscaler.scaling.Annotations;
import dev.alertscaler.scaling.TargetRef;
import dev.alertscaler.scaling.Workload;
import dev.alertscaler.scaling.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Every {@link WorkloadKind} through fabric8's generic resource client, addressed by the kind's
 * API coordinates: the same code reads and writes Deployments, StatefulSets, or any kind with
 * {@code spec.replicas} and {@code status.readyReplicas}. No retries or timeouts here (see
 * {@link KubernetesTargets}).
 */
final class WorkloadResources {

    private final KubernetesClient client;
    private final Map<WorkloadKind, ResourceDefinitionContext> contexts = new EnumMap<>(WorkloadKind.class);

    WorkloadResources(KubernetesClient client) {
        this.client = client;
        for (WorkloadKind kind : WorkloadKind.values()) {
            contexts.put(kind, context(kind.group(), kind.version(), kind.apiKind(), kind.plural()));
        }
    }

    /** The coordinates fabric8 needs to address a kind without asking the API for them (no discovery). */
    static ResourceDefinitionContext context(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> of(
            WorkloadKind kind) {
        return client.genericKubernetesResources(contexts.get(kind));
    }

    /** The opted-in workloads of the kind, selected by their label, in a namespace or all of them. */
    FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> optedIn(
            WorkloadKind kind, Optional<String> namespace) {
        return (namespace.isPresent() ? of(kind).inNamespace(namespace.get()) : of(kind).inAnyNamespace())
                .withLabel(Annotations.ENABLED_LABEL, "true");
    }

    Optional<Workload> get(TargetRef ref) {
        return Optional.ofNullable(of(ref.kind()).inNamespace(ref.namespace()).withName(ref.name()).get())
                .map(o -> toWorkload(ref, o));
    }

    List<Workload> listOptedIn(WorkloadKind kind, Optional<String> namespace) {
        List<Workload> workloads = new ArrayList<>();
        for (GenericKubernetesResource item : optedIn(kind, namespace).list().getItems()) {
            workloads.add(toWorkload(new TargetRef(item.getMetadata().getNamespace(), kind, item.getMetadata().getName()), item));
        }
        return workloads;
    }

    /** Writes replicas and the state annotation on a copy of the object as read: its resourceVersion is the precondition. */
    Workload update(Workload workload, int replicas, String state) {
        GenericKubernetesResource copy = client.getKubernetesSerialization().clone((GenericKubernetesResource) workload.source());
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) copy.getAdditionalProperties()
                .computeIfAbsent("spec", k -> new LinkedHashMap<String, Object>());
        spec.put("replicas", replicas);
        Map<String, String> annotations = copy.getMetadata().getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(copy.getMetadata().getAnnotations());
        annotations.put(Annotations.STATE, state);
        copy.getMetadata().setAnnotations(annotations);
        TargetRef ref = workload.ref();
        return toWorkload(ref, of(ref.kind()).inNamespace(ref.namespace()).resource(copy).update());
    }

    static Workload toWorkload(TargetRef ref, GenericKubernetesResource object) {
        Number specReplicas = object.get("spec", "replicas");
        Number ready = object.get("status", "readyReplicas");
        // an absent spec.replicas means 1 (the API's default); an absent readyReplicas means none ready
        return new Workload(ref,
                new ReplicaCounts(specReplicas == null ? 1 : specReplicas.intValue(), ready == null ? 0 : ready.intValue()),
                nonNull(object.getMetadata().getLabels()), nonNull(object.getMetadata().getAnnotations()),
                object.getMetadata().getUid(), object.getMetadata().getResourceVersion(), object);
    }

    private static Map<String, String> nonNull(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}

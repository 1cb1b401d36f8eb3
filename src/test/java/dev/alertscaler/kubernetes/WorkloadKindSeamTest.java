package dev.alertscaler.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import dev.alertscaler.scaling.Annotations;
import dev.alertscaler.scaling.ApiException;
import dev.alertscaler.scaling.TargetRef;
import dev.alertscaler.scaling.TargetStore;
import dev.alertscaler.scaling.Workload;
import dev.alertscaler.scaling.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What adding a workload kind takes: one {@link WorkloadKind} constant, plus the RBAC for its
 * resource. Everything else — reading, listing by the opt-in label, writing replicas and state in
 * one guarded update, finding an HPA that targets it, the alert label that names it — follows from
 * the constant's coordinates. This test runs over every constant, so a new one (an Argo Rollout:
 * {@code ROLLOUT("argoproj.io", "v1alpha1", "Rollout", "rollouts", "rollout")}) is checked here on
 * the mock API the moment it is added, and fails until the Roles grant its resource.
 */
@QuarkusTest
@WithTestResource(MockApiResource.class)
class WorkloadKindSeamTest {

    @InjectMockApi
    MockApi api;

    @Inject
    TargetStore targets;

    /** An object of the kind as a user would apply it: replicas, the opt-in label, all pods ready. */
    private GenericKubernetesResource object(WorkloadKind kind, String name) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", 2);
        spec.put("selector", Map.of("matchLabels", Map.of("app", name)));
        return new GenericKubernetesResourceBuilder().withApiVersion(kind.apiVersion()).withKind(kind.apiKind())
                .withNewMetadata().withName(name).withNamespace("seam").addToLabels(Annotations.ENABLED_LABEL, "true")
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .addToAdditionalProperties("status", Map.of("replicas", 2, "readyReplicas", 2))
                .build();
    }

    @ParameterizedTest
    @EnumSource(WorkloadKind.class)
    void everyKindIsReadListedAndWrittenByTheSameCode(WorkloadKind kind) {
        String name = "seam-" + kind.plural();
        api.client().genericKubernetesResources(WorkloadResources.context(kind.group(), kind.version(), kind.apiKind(),
                kind.plural())).inNamespace("seam").resource(object(kind, name)).create();
        TargetRef ref = new TargetRef("seam", kind, name);

        Workload read = targets.get(ref).orElseThrow();
        assertEquals(2, read.replicas().current());
        assertEquals(2, read.replicas().ready());
        assertTrue(targets.listOptedIn(Optional.of("seam")).stream().anyMatch(w -> w.ref().equals(ref)));

        Workload written = targets.update(read, 4, "{\"version\":1}");
        assertEquals(4, written.replicas().current());
        assertEquals("{\"version\":1}", written.annotations().get(Annotations.STATE));
        ApiException stale = assertThrows(ApiException.class, () -> targets.update(read, 5, "{}"));
        assertEquals(ApiException.Kind.CONFLICT, stale.kind(), "the read's resourceVersion guards the write");

        api.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace("seam").resource(
                new HorizontalPodAutoscalerBuilder().withNewMetadata().withName(name + "-hpa").endMetadata()
                        .withNewSpec().withMaxReplicas(5).withNewScaleTargetRef().withApiVersion(kind.apiVersion())
                        .withKind(kind.apiKind()).withName(name).endScaleTargetRef().endSpec().build()).create();
        assertTrue(targets.competitors(Optional.of("seam")).containsKey(ref), "an HPA on it is found");
    }

    @ParameterizedTest
    @EnumSource(WorkloadKind.class)
    void everyKindHasItsRbac(WorkloadKind kind) throws Exception {
        for (Path file : new Path[] { Path.of("deploy/base/rbac/namespaced.yaml"), Path.of("deploy/base/rbac/all-namespaces/clusterrole.yaml") }) {
            Set<String> verbs = new HashSet<>();
            for (JsonNode doc : new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                    .<JsonNode>readValues(file.toFile()).readAll()) {
                for (JsonNode rule : doc.path("rules")) {
                    if (contains(rule.path("apiGroups"), kind.group()) && contains(rule.path("resources"), kind.plural())) {
                        rule.path("verbs").forEach(v -> verbs.add(v.asText()));
                    }
                }
            }
            assertEquals(Set.of("get", "list", "watch", "update"), verbs, file + " for " + kind.plural());
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}

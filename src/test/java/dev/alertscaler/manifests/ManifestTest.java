package dev.alertscaler.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.policy.PolicyAnnotations;
import dev.alertscaler.reconcile.ReconcileResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Renders what users apply ({@code kubectl kustomize} of each overlay, {@link Kustomize}), loads it
 * (typed fabric8 models for Kubernetes kinds, generic trees for Knative and prometheus-operator kinds)
 * and checks the invariants that matter: names, ports and paths match the application's
 * configuration, token paths match what the service reads, the sample app is opted in.
 */
class ManifestTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** The default install (the Knative overlay) and the sample app, as kubectl kustomize renders them. */
    private final List<JsonNode> all = manifests();

    private static List<JsonNode> manifests() {
        List<JsonNode> docs = new ArrayList<>(Kustomize.build("deploy"));
        docs.addAll(Kustomize.build("deploy/sample-app"));
        return docs;
    }

    private static <T extends HasMetadata> T typed(JsonNode doc, Class<T> type) {
        return SERIALIZATION.unmarshal(doc.toString(), type);
    }

    @Test
    void everyKubernetesManifestLoadsAsItsTypedModel() {
        int typed = 0;
        for (JsonNode doc : all) {
            String apiVersion = doc.path("apiVersion").asText();
            if (apiVersion.contains("knative.dev") || apiVersion.startsWith("monitoring.coreos.com")) {
                assertFalse(doc.path("metadata").path("name").asText().isEmpty(), doc.toString());
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(doc.toString());
            assertTrue(parsed instanceof HasMetadata, "no typed model for " + apiVersion + " " + doc.path("kind").asText());
            HasMetadata object = (HasMetadata) parsed;
            assertEquals(doc.path("kind").asText(), object.getKind());
            assertFalse(object.getClass().getSimpleName().startsWith("Generic"),
                    "no typed model for " + doc.path("kind").asText() + ": " + object.getClass());
            typed++;
        }
        assertTrue(typed >= 10, "typed manifests found: " + typed);
    }

    @Test
    void theSampleAppIsOptedInAndQueuesInHaproxy() {
        Deployment app = typed(Yaml.find(all, "Deployment", "app"), Deployment.class);
        assertEquals("true", app.getMetadata().getLabels().get("alertscaler.dev/enabled"));
        PolicyAnnotations.resolve(new AlertscalerConfigDefaults().policy(), app.getMetadata().getAnnotations());
        Service service = typed(Yaml.find(all, "Service", "app"), Service.class);
        assertEquals("30", service.getMetadata().getAnnotations().get("haproxy.org/pod-maxconn"));
        assertEquals(app.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
        Ingress ingress = typed(Yaml.find(all, "Ingress", "app"), Ingress.class);
        var backend = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService();
        assertEquals("app", backend.getName());
        assertEquals(service.getSpec().getPorts().get(0).getPort(), backend.getPort().getNumber());
        // the rules' labels name this Deployment, and their proxy is the Service's backend (1.8-3.1 naming)
        JsonNode rule = Yaml.document(Path.of("alert-rules/alertscaler-rules.yaml")).path("groups").get(0).path("rules").get(0);
        assertEquals("app", rule.path("labels").path("deployment").asText());
        assertEquals(app.getMetadata().getNamespace(), rule.path("labels").path("namespace").asText());
        assertTrue(rule.path("expr").asText().contains("proxy=\"default_app_80\""));
    }

    @Test
    void theKnativeServiceMatchesTheApplicationsConfiguration() throws IOException {
        JsonNode ksvc = Yaml.find(all, "Service", "alertscaler");
        JsonNode spec = ksvc.path("spec").path("template").path("spec");
        JsonNode container = spec.path("containers").get(0);
        Properties app = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            app.load(in);
        }
        assertEquals(app.getProperty("quarkus.http.port"), container.path("ports").get(0).path("containerPort").asText());
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("cluster-local", ksvc.path("metadata").path("labels").path("networking.knative.dev/visibility").asText());

        Set<String> known = configEnvNames();
        for (JsonNode env : container.path("env")) {
            String name = env.path("name").asText();
            assertTrue(known.contains(name), name + " is no alertscaler property; known: " + known);
        }
        // the token files the service reads are the Secrets' files, mounted where it looks
        assertTokenFile(spec, container, "ALERTSCALER_WEBHOOK_TOKEN_FILE", "alertscaler-webhook", "webhook-token");
        assertTokenFile(spec, container, "ALERTSCALER_ONCALL_TOKENS_FILE", "alertscaler-oncall", "oncall-tokens");

        // the ServiceAccount exists and is the RBAC subject and the admission policy's user
        String sa = spec.path("serviceAccountName").asText();
        String ns = ksvc.path("metadata").path("namespace").asText();
        Yaml.find(all, "ServiceAccount", sa);
        for (JsonNode binding : all) {
            if (binding.path("kind").asText().endsWith("RoleBinding")) {
                assertEquals(sa, binding.path("subjects").get(0).path("name").asText());
                assertEquals(ns, binding.path("subjects").get(0).path("namespace").asText());
            }
        }
        assertTrue(Yaml.find(all, "ValidatingAdmissionPolicy", "alertscaler-replicas-only").path("spec")
                .path("matchConditions").get(0).path("expression").asText()
                .contains("system:serviceaccount:" + ns + ":" + sa));
        // the heartbeat namespace is where its Role is
        String heartbeatNs = Yaml.env(container, "ALERTSCALER_HEARTBEAT_NAMESPACE");
        assertEquals(heartbeatNs, Yaml.find(all, "Role", "alertscaler-heartbeat").path("metadata").path("namespace").asText());
        // alertscaler may scale where it has a Role
        assertEquals(Yaml.env(container, "ALERTSCALER_NAMESPACES"),
                Yaml.find(all, "Role", "alertscaler").path("metadata").path("namespace").asText());
    }

    @Test
    void thePingSourceCallsReconcileOnTheService() {
        JsonNode ping = Yaml.find(all, "PingSource", "alertscaler-reconcile");
        assertEquals("alertscaler", ping.path("spec").path("sink").path("ref").path("name").asText());
        assertEquals("/" + ReconcileResource.class.getAnnotation(jakarta.ws.rs.Path.class).value().replace("/", ""),
                ping.path("spec").path("sink").path("uri").asText());
    }

    @Test
    void alertmanagerPostsToTheServiceWithTheTokenAndRepeatsWithinTheTtl() {
        JsonNode am = Yaml.document(Path.of("deploy/alertmanager/alertmanager.yml"));
        JsonNode ksvc = Yaml.find(all, "Service", "alertscaler");
        String host = ksvc.path("metadata").path("name").asText() + "." + ksvc.path("metadata").path("namespace").asText()
                + ".svc.cluster.local";
        int receivers = 0;
        for (JsonNode receiver : am.path("receivers")) {
            for (JsonNode webhook : receiver.path("webhook_configs")) {
                assertEquals("http://" + host + "/alertmanager", webhook.path("url").asText());
                assertFalse(webhook.path("http_config").path("authorization").path("credentials_file").asText().isEmpty());
                receivers++;
            }
        }
        assertEquals(2, receivers);
        for (JsonNode route : am.path("route").path("routes")) {
            Duration repeat = PolicyAnnotations.parseDuration(route.path("repeat_interval").asText());
            assertTrue(repeat.compareTo(Duration.ofMinutes(15).dividedBy(2)) <= 0,
                    "repeat_interval " + repeat + " must stay well below alertscaler.alert-ttl (15m)");
        }
    }

    /**
     * kube-prometheus-stack.yml is the chart's default with alertscaler's routes first and its
     * receivers added: those parts are exactly alertmanager.yml's, so that the two cannot drift.
     */
    @Test
    void theKubePrometheusStackConfigurationCarriesOurRoutesFirstAndUnchanged() {
        JsonNode ours = Yaml.document(Path.of("deploy/alertmanager/alertmanager.yml"));
        JsonNode kps = Yaml.document(Path.of("deploy/alertmanager/kube-prometheus-stack.yml"));
        JsonNode ourRoutes = ours.path("route").path("routes");
        JsonNode kpsRoutes = kps.path("route").path("routes");
        for (int i = 0; i < ourRoutes.size(); i++) {
            assertEquals(ourRoutes.get(i), kpsRoutes.get(i), "route " + i + " first and unchanged");
        }
        assertEquals("null", kps.path("route").path("receiver").asText(), "the chart's default receiver");
        assertEquals("alertname = \"Watchdog\"", kpsRoutes.get(ourRoutes.size()).path("matchers").get(0).asText(),
                "the chart's Watchdog route, after ours");
        for (JsonNode receiver : ours.path("receivers")) {
            if (receiver.path("name").asText().startsWith("alertscaler")) {
                JsonNode same = null;
                for (JsonNode r : kps.path("receivers")) {
                    same = r.path("name").equals(receiver.path("name")) ? r : same;
                }
                assertEquals(receiver, same, "receiver " + receiver.path("name"));
            }
        }
    }

    @Test
    void everyKustomizationRendersAndTheSampleAppIsNotPartOfTheInstall() {
        for (String dir : Kustomize.ALL) {
            assertFalse(Kustomize.build(dir).isEmpty(), dir);
        }
        for (String install : List.of("deploy", "knative", "deploy/deployment", "deploy/native", "deploy/jvm-aot",
                "deploy/scale-to-zero")) {
            assertTrue(Kustomize.build(install).stream().noneMatch(d -> "app".equals(d.path("metadata").path("name").asText())),
                    install + " installs the sample app");
            assertEquals(Set.of("alertscaler-webhook", "alertscaler-oncall"), Kustomize.build(install).stream()
                    .filter(d -> "Secret".equals(d.path("kind").asText())).map(d -> d.path("metadata").path("name").asText())
                    .collect(java.util.stream.Collectors.toSet()));
        }
    }

    private static void assertTokenFile(JsonNode spec, JsonNode container, String env, String secret, String key) {
        Path file = Path.of(Yaml.env(container, env));
        JsonNode volume = null;
        for (JsonNode v : spec.path("volumes")) {
            if (secret.equals(v.path("secret").path("secretName").asText())) {
                volume = v;
            }
        }
        assertTrue(volume != null, "no volume for Secret " + secret);
        assertEquals(key, volume.path("secret").path("items").get(0).path("key").asText());
        assertEquals(file.getFileName().toString(), volume.path("secret").path("items").get(0).path("path").asText());
        String volumeName = volume.path("name").asText();
        boolean mounted = false;
        for (JsonNode m : container.path("volumeMounts")) {
            mounted |= volumeName.equals(m.path("name").asText()) && file.getParent().toString().equals(m.path("mountPath").asText());
        }
        assertTrue(mounted, env + " points to " + file + " but " + volumeName + " is not mounted at " + file.getParent());
        JsonNode gen = Yaml.document(Path.of("deploy/base/kustomization.yaml")).path("secretGenerator");
        boolean generated = false;
        for (JsonNode g : gen) {
            generated |= secret.equals(g.path("name").asText()) && g.path("files").get(0).asText().endsWith("/" + key);
        }
        assertTrue(generated, "kustomization generates no Secret " + secret + " with key " + key);
    }


    /** Every alertscaler.* property as an environment variable name, read off AlertscalerConfig. */
    private static Set<String> configEnvNames() {
        Set<String> names = new TreeSet<>();
        collect(AlertscalerConfig.class, "alertscaler", names);
        return names;
    }

    private static void collect(Class<?> type, String prefix, Set<String> names) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.isDefault() || m.getParameterCount() > 0 || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String property = prefix + "." + m.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
            if (m.getReturnType().isInterface() && m.getReturnType().getName().startsWith("dev.alertscaler")) {
                collect(m.getReturnType(), property, names);
            } else {
                names.add(property.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
            }
        }
    }

    /** The documented defaults, as the start-up check validates them. */
    private static final class AlertscalerConfigDefaults {
        dev.alertscaler.policy.ScalingPolicy policy() {
            return new dev.alertscaler.policy.ScalingPolicy(1, 10, 2, 50, Duration.ofSeconds(30), Duration.ofSeconds(300),
                    25, Duration.ofSeconds(60), java.util.OptionalDouble.empty());
        }
    }
}

package dev.alertscaler.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The ways to run alertscaler, as kubectl kustomize renders them: Knative (the default) and a plain
 * Deployment run the same container; both are locked down and sized from measured figures; both
 * are scraped, and so is HAProxy, the way kube-prometheus-stack's Prometheus finds targets.
 */
class OverlayTest {

    /** Measured RSS of the JVM image's command line with 1,000 opted-in targets (BENCHMARKS.md, Reconciler). */
    private static final double MEASURED_MIB_AT_1000_TARGETS = 171;
    /** The same for the JDK 25 image with its AOT cache (BENCHMARKS.md, Footprint: jdk25-image-aot, the highest run of the final set). */
    private static final double MEASURED_AOT_MIB_AT_1000_TARGETS = 179.5;

    private static JsonNode knativeContainer(List<JsonNode> docs) {
        return Yaml.find(docs, "Service", "alertscaler").path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static JsonNode deployment() {
        return Yaml.find(Kustomize.build("deploy/deployment"), "Deployment", "alertscaler");
    }

    @Test
    void theDeploymentRunsTheSameContainerAsKnative() {
        JsonNode knative = knativeContainer(Kustomize.build("knative"));
        JsonNode plain = deployment().path("spec").path("template").path("spec").path("containers").get(0);
        for (String field : List.of("image", "env", "resources", "securityContext", "volumeMounts")) {
            assertEquals(knative.path(field), plain.path(field), field);
        }
        assertEquals(Yaml.find(Kustomize.build("knative"), "Service", "alertscaler").path("spec").path("template")
                .path("spec").path("volumes"), deployment().path("spec").path("template").path("spec").path("volumes"));
        assertTrue(knative.path("image").asText().startsWith("dev.local/alertscaler:"), "the JVM image users build");
    }

    @Test
    void theDeploymentHasTwoReplicasAServiceAndABudget() {
        List<JsonNode> docs = Kustomize.build("deploy/deployment");
        JsonNode labels = deployment().path("spec").path("template").path("metadata").path("labels");
        assertEquals(2, deployment().path("spec").path("replicas").asInt());
        JsonNode service = Yaml.find(docs, "Service", "alertscaler");
        assertEquals(80, service.path("spec").path("ports").get(0).path("port").asInt(), "the Knative Service's port");
        assertEquals("http", service.path("spec").path("ports").get(0).path("targetPort").asText());
        assertSelects(service.path("spec").path("selector"), labels);
        JsonNode pdb = Yaml.find(docs, "PodDisruptionBudget", "alertscaler");
        assertEquals(1, pdb.path("spec").path("minAvailable").asInt());
        assertSelects(pdb.path("spec").path("selector").path("matchLabels"), labels);
        assertTrue(docs.stream().noneMatch(d -> d.path("kind").asText().equals("PingSource")), "each replica reconciles itself");
    }

    @Test
    void bothRunLockedDown() {
        for (JsonNode container : List.of(knativeContainer(Kustomize.build("knative")),
                deployment().path("spec").path("template").path("spec").path("containers").get(0))) {
            JsonNode sc = container.path("securityContext");
            assertTrue(sc.path("runAsNonRoot").asBoolean());
            assertEquals(false, sc.path("allowPrivilegeEscalation").asBoolean(true));
            assertTrue(sc.path("readOnlyRootFilesystem").asBoolean());
            assertEquals("[\"ALL\"]", sc.path("capabilities").path("drop").toString());
            assertEquals("RuntimeDefault", sc.path("seccompProfile").path("type").asText());
            assertTrue(container.path("volumeMounts").toString().contains("\"mountPath\":\"/tmp\""), "a writable /tmp");
        }
    }

    @Test
    void theJvmImageIsSizedFromMeasuredFiguresAndTheNativeOneIsMarkedUnmeasured() throws IOException {
        JsonNode resources = knativeContainer(Kustomize.build("knative")).path("resources");
        double limitMib = mib(resources.path("limits").path("memory").asText());
        double requestMib = mib(resources.path("requests").path("memory").asText());
        assertTrue(limitMib >= 1.2 * MEASURED_MIB_AT_1000_TARGETS, "limit " + limitMib + " MiB leaves no headroom");
        assertTrue(requestMib >= MEASURED_MIB_AT_1000_TARGETS && requestMib <= limitMib, "request " + requestMib + " MiB");
        assertTrue(Files.readString(Path.of("deploy/native/kustomization.yaml")).contains("NOT YET MEASURED"));
        JsonNode nativeResources = knativeContainer(Kustomize.build("deploy/native")).path("resources");
        assertTrue(knativeContainer(Kustomize.build("deploy/native")).path("image").asText().endsWith("-native"));
        assertTrue(mib(nativeResources.path("limits").path("memory").asText()) < limitMib);
    }

    @Test
    void theAotImageIsSizedFromItsOwnFigures() {
        JsonNode container = knativeContainer(Kustomize.build("deploy/jvm-aot"));
        assertTrue(container.path("image").asText().endsWith("-jvm-aot"), container.path("image").asText());
        double limitMib = mib(container.path("resources").path("limits").path("memory").asText());
        double requestMib = mib(container.path("resources").path("requests").path("memory").asText());
        assertTrue(limitMib >= 1.2 * MEASURED_AOT_MIB_AT_1000_TARGETS, "limit " + limitMib + " MiB leaves no headroom");
        assertTrue(requestMib >= MEASURED_AOT_MIB_AT_1000_TARGETS && requestMib <= limitMib, "request " + requestMib + " MiB");
    }

    /**
     * Scale to zero only happens when nothing calls the service every minute: the ping and the
     * heartbeat are spaced out, and the heartbeat's timeout and its alert move with them.
     */
    @Test
    void theScaleToZeroOverlaySpacesOutEveryCaller() {
        List<JsonNode> docs = Kustomize.build("deploy/scale-to-zero");
        JsonNode template = Yaml.find(docs, "Service", "alertscaler").path("spec").path("template");
        assertEquals("0", template.path("metadata").path("annotations").path("autoscaling.knative.dev/min-scale").asText());
        assertTrue(knativeContainer(docs).path("image").asText().endsWith("-jvm-aot"), "the image that wakes fastest");
        assertEquals("*/5 * * * *", Yaml.find(docs, "PingSource", "alertscaler-reconcile").path("spec").path("schedule").asText());
        Duration timeout = duration(Yaml.env(knativeContainer(docs), "ALERTSCALER_HEARTBEAT_TIMEOUT"));
        assertTrue(timeout.compareTo(Duration.ofMinutes(10)) >= 0, "two 5-minute heartbeat repeats fit in " + timeout);
        for (String install : List.of("deploy", "deploy/scale-to-zero")) {
            List<JsonNode> rendered = Kustomize.build(install);
            assertEquals(duration(Yaml.env(knativeContainer(rendered), "ALERTSCALER_HEARTBEAT_TIMEOUT")).toSeconds(), heartbeatLostAfter(rendered),
                    install + ": AlertscalerHeartbeatLost fires when the timeout freezes scale-down");
        }
    }

    private static long heartbeatLostAfter(List<JsonNode> docs) {
        for (JsonNode group : Yaml.find(docs, "PrometheusRule", "alertscaler").path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if ("AlertscalerHeartbeatLost".equals(rule.path("alert").asText())) {
                    Matcher m = Pattern.compile("max\\(alertscaler_heartbeat_age_seconds\\) > (\\d+)").matcher(rule.path("expr").asText());
                    assertTrue(m.find(), rule.path("expr").asText());
                    return Long.parseLong(m.group(1));
                }
            }
        }
        throw new AssertionError("no AlertscalerHeartbeatLost");
    }

    private static Duration duration(String value) {
        return Duration.parse("PT" + value.toUpperCase());
    }


    @Test
    void haproxyIsScrapedAtTheIntervalTheRuleAssumes() {
        JsonNode monitor = Yaml.find(Kustomize.build("deploy"), "PodMonitor", "haproxy-ingress");
        // kube-prometheus-stack picks monitors by its Helm release's name: the README installs "prometheus"
        assertEquals("prometheus", monitor.path("metadata").path("labels").path("release").asText());
        JsonNode endpoint = monitor.path("spec").path("podMetricsEndpoints").get(0);
        assertEquals("stat", endpoint.path("port").asText());
        assertEquals("/metrics", endpoint.path("path").asText());
        assertEquals("[\"haproxy-controller\"]", monitor.path("spec").path("namespaceSelector").path("matchNames").toString());
        JsonNode job = null;
        for (JsonNode j : Yaml.document(Path.of("deploy/prometheus/prometheus.yml")).path("scrape_configs")) {
            job = "haproxy-ingress".equals(j.path("job_name").asText()) ? j : job;
        }
        assertEquals(job.path("scrape_interval").asText(), endpoint.path("interval").asText(),
                "one scrape interval for HAProxy everywhere");
    }

    @Test
    void alertscalerIsScrapedWithItsOwnLabels() {
        for (String overlay : List.of("knative", "deploy/deployment")) {
            List<JsonNode> docs = Kustomize.build(overlay);
            JsonNode monitor = Yaml.find(docs, "PodMonitor", "alertscaler");
            assertEquals("prometheus", monitor.path("metadata").path("labels").path("release").asText());
            JsonNode endpoint = monitor.path("spec").path("podMetricsEndpoints").get(0);
            assertEquals("/q/metrics", endpoint.path("path").asText());
            assertTrue(endpoint.path("honorLabels").asBoolean(), "per-target namespace labels must survive the scrape");
            JsonNode podLabels = overlay.equals("knative")
                    ? Yaml.find(docs, "Service", "alertscaler").path("spec").path("template").path("metadata").path("labels")
                    : deployment().path("spec").path("template").path("metadata").path("labels");
            assertSelects(monitor.path("spec").path("selector").path("matchLabels"), podLabels);
        }
        JsonNode port = deployment().path("spec").path("template").path("spec").path("containers").get(0).path("ports").get(0);
        assertEquals(port.path("name").asText(), Yaml.find(Kustomize.build("deploy/deployment"), "PodMonitor", "alertscaler")
                .path("spec").path("podMetricsEndpoints").get(0).path("port").asText());
    }

    private static void assertSelects(JsonNode selector, JsonNode labels) {
        assertTrue(selector.size() > 0);
        selector.fields().forEachRemaining(e -> assertEquals(e.getValue().asText(), labels.path(e.getKey()).asText(),
                "selector " + selector + " vs labels " + labels));
    }

    private static double mib(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity)).doubleValue() / (1024 * 1024);
    }
}

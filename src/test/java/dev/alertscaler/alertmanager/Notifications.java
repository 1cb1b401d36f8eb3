package dev.alertscaler.alertmanager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds Alertmanager 0.25 webhook bodies (payload version 4) for tests. */
public final class Notifications {

    public static final String FIRING_ENDS_AT = "0001-01-01T00:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Map<String, Object>> alerts = new ArrayList<>();

    public static Notifications notification() {
        return new Notifications();
    }

    /** A firing alert for a Deployment. */
    public Notifications firing(String namespace, String deployment, String fingerprint, Instant startsAt) {
        return firing(namespace, deployment, fingerprint, startsAt, null);
    }

    /** A firing alert for a Deployment, with the {@code alertscaler_role} label {@code role} (null: scale-up). */
    public Notifications firing(String namespace, String deployment, String fingerprint, Instant startsAt, String role) {
        return alert("firing", labels(namespace, "deployment", deployment, role), Map.of(), fingerprint, startsAt,
                FIRING_ENDS_AT);
    }

    public Notifications resolved(String namespace, String deployment, String fingerprint, Instant startsAt, Instant endsAt) {
        return resolved(namespace, deployment, fingerprint, startsAt, endsAt, null);
    }

    public Notifications resolved(String namespace, String deployment, String fingerprint, Instant startsAt, Instant endsAt,
            String role) {
        return alert("resolved", labels(namespace, "deployment", deployment, role), Map.of(), fingerprint, startsAt,
                endsAt.toString());
    }

    /** Posts it to {@code /alertmanager} as Alertmanager does, with the tests' webhook token, expecting 200. */
    public void deliver() {
        io.restassured.RestAssured.given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body(json()).post("/alertmanager").then().statusCode(200);
    }

    public Notifications alert(String status, Map<String, String> labels, Map<String, String> annotations,
            String fingerprint, Instant startsAt, String endsAt) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", status);
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", endsAt);
        alert.put("generatorURL", "http://prometheus:9090/graph?g0.expr=queue");
        alert.put("fingerprint", fingerprint);
        alerts.add(alert);
        return this;
    }

    /** The labels of a scale-up alert for the target. */
    public static Map<String, String> labels(String namespace, String kindLabel, String name) {
        return labels(namespace, kindLabel, name, null);
    }

    /** The labels of an alert for the target with the role (null: scale-up, the usual queue alert). */
    static Map<String, String> labels(String namespace, String kindLabel, String name, String role) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "HAProxyBackendQueueHigh");
        labels.put("namespace", namespace);
        labels.put(kindLabel, name);
        labels.put("alertscaler_role", role == null ? "scale-up" : role);
        return labels;
    }

    public String json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receiver", "alertscaler");
        body.put("status", alerts.stream().anyMatch(a -> "firing".equals(a.get("status"))) ? "firing" : "resolved");
        body.put("alerts", alerts);
        body.put("groupLabels", Map.of("alertname", "HAProxyBackendQueueHigh"));
        body.put("commonLabels", Map.of("alertname", "HAProxyBackendQueueHigh"));
        body.put("commonAnnotations", Map.of());
        body.put("externalURL", "http://alertmanager:9093");
        body.put("version", "4");
        body.put("groupKey", "{}:{alertname=\"HAProxyBackendQueueHigh\"}");
        body.put("truncatedAlerts", 0);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.alertscaler.alertmanager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds Alertmanager 0.25 webhook bodies (payload version 4) for tests. */
final class Notifications {

    static final String FIRING_ENDS_AT = "0001-01-01T00:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Map<String, Object>> alerts = new ArrayList<>();

    static Notifications notification() {
        return new Notifications();
    }

    /** A firing alert for a Deployment. */
    Notifications firing(String namespace, String deployment, String fingerprint, Instant startsAt) {
        return alert("firing", labels(namespace, "deployment", deployment), Map.of(), fingerprint, startsAt, FIRING_ENDS_AT);
    }

    Notifications resolved(String namespace, String deployment, String fingerprint, Instant startsAt, Instant endsAt) {
        return alert("resolved", labels(namespace, "deployment", deployment), Map.of(), fingerprint, startsAt,
                endsAt.toString());
    }

    Notifications alert(String status, Map<String, String> labels, Map<String, String> annotations,
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

    static Map<String, String> labels(String namespace, String kindLabel, String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "HAProxyBackendQueueHigh");
        labels.put("namespace", namespace);
        labels.put(kindLabel, name);
        return labels;
    }

    String json() {
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

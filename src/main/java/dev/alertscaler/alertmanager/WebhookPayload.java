package dev.alertscaler.alertmanager;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Alertmanager's webhook notification, payload version "4"; unknown fields are ignored. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookPayload(
        String version,
        String groupKey,
        Integer truncatedAlerts,
        String status,
        String receiver,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        String externalURL,
        List<Alert> alerts) {

    /** What makes this no valid notification, naming the field; empty when it is one. */
    public Optional<String> problem() {
        if (!"4".equals(version)) {
            return Optional.of("payload version must be \"4\", got " + version);
        }
        for (int i = 0; alerts != null && i < alerts.size(); i++) {
            if (alerts.get(i) == null) {
                return Optional.of("alerts[" + i + "] is null, not an alert");
            }
        }
        return Optional.empty();
    }

    /** One alert of the notification; each is handled by its own status, not the group's. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(
            String status,
            Map<String, String> labels,
            Map<String, String> annotations,
            String startsAt,
            String endsAt,
            String generatorURL,
            String fingerprint) {

        /** The alert's name, for people reading outcomes. */
        public String alertname() {
            return labels == null ? null : labels.get("alertname");
        }
    }
}

package dev.alertscaler.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Notification bodies made from a real Alertmanager 0.25 notification
 * ({@code src/test/resources/alertmanager/am-0.25-firing.json}): its one alert copied with another
 * target, another fingerprint and an {@code instance} label, everything else as Alertmanager sent it.
 */
final class Bodies {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIRING = Path.of("src/test/resources/alertmanager/am-0.25-firing.json");

    private Bodies() {
    }

    /** One firing alert for default/{@code deployment}. */
    static String firing(String deployment, String fingerprint) {
        return storm(new String[] {deployment}, 1, fingerprint);
    }

    /** {@code perTarget} firing alerts for each deployment, in one notification. */
    static String storm(String[] deployments, int perTarget, String fingerprintPrefix) {
        try {
            ObjectNode notification = (ObjectNode) JSON.readTree(Files.readString(FIRING));
            ObjectNode template = (ObjectNode) notification.get("alerts").get(0);
            ArrayNode alerts = notification.putArray("alerts");
            for (int t = 0; t < deployments.length; t++) {
                for (int a = 0; a < perTarget; a++) {
                    ObjectNode alert = template.deepCopy();
                    ((ObjectNode) alert.get("labels")).put("deployment", deployments[t]).put("instance", "ingress-" + a + ":1024");
                    alert.put("fingerprint", "%s%06x%02x".formatted(fingerprintPrefix, t, a));
                    alerts.add(alert);
                }
            }
            if (deployments.length == 1) {
                ((ObjectNode) notification.get("groupLabels")).put("deployment", deployments[0]);
                ((ObjectNode) notification.get("commonLabels")).put("deployment", deployments[0]);
            } else {
                ((ObjectNode) notification.get("groupLabels")).remove("deployment");
                ((ObjectNode) notification.get("commonLabels")).remove("deployment");
            }
            return JSON.writeValueAsString(notification);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

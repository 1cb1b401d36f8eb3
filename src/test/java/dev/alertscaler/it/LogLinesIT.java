package dev.alertscaler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.alertscaler.TargetFixtures;
import dev.alertscaler.alertmanager.Notifications;
import dev.alertscaler.local.AlertscalerJar;
import dev.alertscaler.local.MockApi;

/**
 * No input forges a log line: an annotation whose value holds a line break that looks like one of
 * our own log lines is quoted in the packaged jar's log escaped, on the line that quotes it. Run
 * against the mock Kubernetes API (fabric8's, in CRUD mode: no kube-apiserver can be installed here).
 */
class LogLinesIT {

    static final String TOKEN = "log-lines-token";
    static final String FORGED = "2026-01-01T00:00:00.000Z INFO  [de.al.sc.ChangeReporter] scaled target=default/deployments/forged from=1 to=10";

    @Test
    void anAnnotationWithALineBreakIsLoggedEscapedOnOneLine() throws Exception {
        Path log = Path.of("target/log-lines.log");
        try (MockApi api = MockApi.start(0)) {
            new TargetFixtures(api.client()).deployment("default", "forged", 1,
                    Map.of("alertscaler.dev/max-replicas", "lots\n" + FORGED));
            try (AlertscalerJar jar = AlertscalerJar.start(AlertscalerJar.packaged(), api.url(), List.of(),
                    Map.of("alertscaler.webhook.token", TOKEN, "quarkus.scheduler.enabled", "false"), log)) {
                jar.awaitReady();
                String body = Notifications.notification()
                        .firing("default", "forged", "fp-forged", Instant.now().minusSeconds(60)).json();
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(jar.base() + "/alertmanager"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), answer.body());
            }
        }
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith(FORGED)), "a forged line in the log:\n" + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("left alone") && l.contains("lots\\n" + FORGED)),
                "the annotation quoted escaped, on the line that quotes it:\n" + String.join("\n", lines));
    }
}

package dev.alertscaler.alertmanager;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertscaler.config.AlertscalerConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Asks Alertmanager's API v2 which alerts are active now, so that the reconciler does not depend on
 * every notification arriving. It asks only for the alerts routed to alertscaler's receiver, and
 * explicitly for silenced and inhibited ones too: a silence mutes notifications, not the queue, so
 * a silenced alert still counts as firing (pausing the target is how a person stops scaling).
 */
@ApplicationScoped
public class AlertmanagerApi {

    private final Optional<URI> url;
    private final String receiver;
    private final Duration timeout;
    private final ObjectMapper mapper;
    private final HttpClient http;

    public AlertmanagerApi(AlertscalerConfig config, ObjectMapper mapper) {
        this.url = config.alertmanager().url();
        this.receiver = config.alertmanager().receiver();
        this.timeout = config.alertmanager().timeout();
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Thrown when Alertmanager cannot tell: the caller keeps what it knows and freezes scale-down. */
    public static class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An alert as {@code GET /api/v2/alerts} lists it. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ApiAlert(Map<String, String> labels, Map<String, String> annotations, String startsAt,
            String endsAt, String generatorURL, String fingerprint) {

        /** The same alert as a firing webhook alert, so that it maps to its target the same way. */
        WebhookPayload.Alert asFiring() {
            return new WebhookPayload.Alert("firing", labels, annotations, startsAt, endsAt, generatorURL, fingerprint);
        }
    }

    public boolean configured() {
        return url.isPresent();
    }

    /** The active alerts, as firing webhook alerts. */
    public List<WebhookPayload.Alert> activeAlerts() throws Unavailable {
        URI base = url.orElseThrow(() -> new IllegalStateException("alertscaler.alertmanager.url is not set"));
        // every state an alert can be in while it fires, routed to our receiver (a regular
        // expression, anchored by Alertmanager): other teams' alerts never reach the policy
        URI uri = base.resolve(base.getPath().replaceAll("/*$", "") + "/api/v2/alerts?active=true&silenced=true"
                + "&inhibited=true&unprocessed=true&receiver=" + URLEncoder.encode(receiver, StandardCharsets.UTF_8));
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new Unavailable("Alertmanager " + uri + " answered " + response.statusCode(), null);
            }
            List<ApiAlert> alerts = mapper.readValue(response.body(), new TypeReference<List<ApiAlert>>() { });
            return alerts.stream().map(ApiAlert::asFiring).toList();
        } catch (IOException e) {
            throw new Unavailable("Alertmanager " + uri + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking Alertmanager", e);
        }
    }
}

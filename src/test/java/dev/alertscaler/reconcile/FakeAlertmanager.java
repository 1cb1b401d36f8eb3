package dev.alertscaler.reconcile;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A small fake of Alertmanager's API v2 ({@code GET /api/v2/alerts}) on loopback, with the alerts
 * set by the test. It applies the query's filters as Alertmanager 0.25 does
 * ({@code api/v2/api.go}: {@code silenced=false} drops alerts with {@code silencedBy},
 * {@code inhibited=false} those with {@code inhibitedBy}, {@code receiver} keeps alerts routed to a
 * receiver matching {@code ^(?:regex)$}), so a client that asks the wrong question gets the wrong
 * answer here too. The real Alertmanager is exercised end to end elsewhere.
 */
public class FakeAlertmanager implements QuarkusTestResourceLifecycleManager {

    /** Marks the field a test wants this fake injected into. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectFakeAlertmanager {
    }

    /** The JSON array held (before filtering); null: answer 503, as an Alertmanager that is down behind its Service. */
    volatile String alerts = "[]";
    volatile String lastQuery;
    /** Runs while a request is being answered, before the answer is built: for races with the webhook. */
    volatile Runnable duringRequest = () -> { };
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v2/alerts", exchange -> {
            lastQuery = exchange.getRequestURI().getQuery();
            String body = alerts;
            duringRequest.run();
            if (body != null) {
                body = filtered(body, lastQuery);
            }
            byte[] bytes = (body == null ? "down" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 503 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of("alertscaler.alertmanager.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** One active scale-up alert routed to alertscaler, as {@code GET /api/v2/alerts} lists it. */
    static String active(String namespace, String deployment, String fingerprint, String startsAt) {
        return alert(namespace, deployment, fingerprint, startsAt, "\"alertscaler_role\":\"scale-up\",", "alertscaler", "");
    }

    /**
     * An alert as {@code GET /api/v2/alerts} lists it.
     *
     * @param roleLabel  the role label as JSON with a trailing comma, or "" for none
     * @param silencedBy a silence id, or "" when not silenced (the alert is then "suppressed")
     */
    static String alert(String namespace, String deployment, String fingerprint, String startsAt, String roleLabel,
            String receiver, String silencedBy) {
        return """
                {"labels":{"alertname":"Queue",%s"namespace":"%s","deployment":"%s"},"annotations":{},
                "startsAt":"%s","endsAt":"2099-01-01T00:00:00Z","fingerprint":"%s","generatorURL":"",
                "receivers":[{"name":"%s"}],"status":{"state":"%s","silencedBy":[%s],"inhibitedBy":[]},
                "updatedAt":"%s"}""".formatted(roleLabel, namespace, deployment, startsAt, fingerprint, receiver,
                silencedBy.isEmpty() ? "active" : "suppressed", silencedBy.isEmpty() ? "" : "\"" + silencedBy + "\"",
                startsAt);
    }

    /** The alerts the query asks for, filtered as Alertmanager's API does (absent flags default to true). */
    private static String filtered(String body, String query) throws IOException {
        Map<String, String> params = new HashMap<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        Pattern receiver = params.containsKey("receiver") ? Pattern.compile("^(?:" + params.get("receiver") + ")$") : null;
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode alert : JSON.readTree(body)) {
            JsonNode status = alert.path("status");
            boolean silenced = !status.path("silencedBy").isEmpty();
            boolean inhibited = !status.path("inhibitedBy").isEmpty();
            if ((silenced && "false".equals(params.get("silenced"))) || (inhibited && "false".equals(params.get("inhibited")))
                    || (!silenced && !inhibited && "false".equals(params.get("active")))) {
                continue;
            }
            boolean routed = receiver == null;
            for (JsonNode r : alert.path("receivers")) {
                routed |= receiver != null && receiver.matcher(r.path("name").asText()).matches();
            }
            if (routed) {
                kept.add(alert);
            }
        }
        return kept.toString();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(InjectFakeAlertmanager.class,
                FakeAlertmanager.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

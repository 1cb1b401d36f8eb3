package dev.alertscaler.reconcile;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A small fake of Alertmanager's API v2 ({@code GET /api/v2/alerts}) on loopback, with the answer
 * set by the test; the real Alertmanager is exercised end to end elsewhere.
 */
public class FakeAlertmanager implements QuarkusTestResourceLifecycleManager {

    /** The JSON array served; null: answer 503, as an Alertmanager that is down behind its Service. */
    static volatile String alerts = "[]";
    static final AtomicInteger REQUESTS = new AtomicInteger();
    static volatile String lastQuery;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v2/alerts", exchange -> {
            REQUESTS.incrementAndGet();
            lastQuery = exchange.getRequestURI().getQuery();
            String body = alerts;
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

    /** One active alert, as {@code GET /api/v2/alerts} lists it. */
    static String active(String namespace, String deployment, String fingerprint, String startsAt) {
        return """
                {"labels":{"alertname":"Queue","namespace":"%s","deployment":"%s"},"annotations":{},
                "startsAt":"%s","endsAt":"2099-01-01T00:00:00Z","fingerprint":"%s","generatorURL":"",
                "receivers":[{"name":"alertscaler"}],"status":{"state":"active","silencedBy":[],"inhibitedBy":[]},
                "updatedAt":"%s"}""".formatted(namespace, deployment, startsAt, fingerprint, startsAt);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

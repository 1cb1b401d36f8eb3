package dev.alertscaler.alertmanager;

import static dev.alertscaler.alertmanager.Notifications.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.alertscaler.Metrics;
import dev.alertscaler.MutableClock;
import dev.alertscaler.TargetFixtures;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Slow and stalled clients never starve Alertmanager: hundreds of connections that stop mid-body
 * (with a valid token) or mid-headers (without) hold sockets, not worker threads, while a real
 * notification is answered; a stalled body is cut off after {@code alertscaler.webhook.body-timeout}
 * (2 s in tests); a caller without a token is answered from its headers. Against the mock
 * Kubernetes API (fabric8's, in CRUD mode: no kube-apiserver can be installed here).
 */
@QuarkusTest
@WithTestResource(MockApiResource.class)
class SlowClientsTest {

    static final String NS = "default";

    @InjectMockApi
    MockApi api;

    @Inject
    MutableClock clock;

    /** Connections that send {@code prefix} and then nothing more. */
    private List<Socket> stall(int count, String prefix) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port);
            socket.getOutputStream().write(prefix.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            sockets.add(socket);
        }
        return sockets;
    }

    private static String headers(String token, int contentLength) {
        return "POST /alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    @Test
    void stalledSendersDoNotStarveTheRealOne() throws Exception {
        new TargetFixtures(api.client()).deployment(NS, "patient", 1, Map.of());
        clock.set(Instant.parse("2026-12-02T10:00:00Z"));
        List<Socket> stalled = new ArrayList<>();
        try {
            // more than the 200 worker threads that blocking body reads used to take
            stalled.addAll(stall(250, headers("test-token", 5000) + "{\"version\":\"4\","));
            stalled.addAll(stall(100, "POST /alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
            stalled.addAll(stall(50, headers(null, 5000) + "{\"ver"));
            String body = notification().firing(NS, "patient", "fp-patient", clock.instant().minusSeconds(60)).json();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/alertmanager"))
                            .header("Authorization", "Bearer test-token").header("Content-Type", "application/json")
                            // Alertmanager's own budget: anything slower is a lost notification
                            .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"outcome\":\"applied\""), answer.body());
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void aStalledBodyIsCutOffAfterTheBodyTimeout() throws Exception {
        String series = "alertscaler_webhook_requests_total{outcome=\"slow_body\"}";
        double before = Metrics.value(series);
        try (Socket socket = stall(1, headers("test-token", 5000) + "{\"version\":\"4\",").get(0)) {
            socket.setSoTimeout(30_000);
            assertEquals(-1, readToEnd(socket.getInputStream()), "the server closed the connection, answering nothing");
        }
        assertEquals(before + 1, Metrics.value(series));
    }

    @Test
    void aCallerWithoutATokenIsAnsweredFromItsHeaders() throws Exception {
        try (Socket socket = stall(1, headers("wrong-token", 5000) + "{\"ver").get(0)) {
            socket.setSoTimeout(30_000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
            assertTrue(answer.contains("missing or unknown bearer token"), answer);
        }
    }

    /**
     * Over HTTP/2 (h2c, as Java's client asks for it) many requests share one connection: a
     * rejected caller's answer must end its own stream, not the connection (closing it sent GOAWAY
     * to the valid requests beside it: 6 of 20 failed).
     */
    @Test
    void aRejectionOverHttp2LeavesTheOtherStreamsAlone() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        Map<String, Integer> answers = new java.util.TreeMap<>();
        for (int i = 0; i < 30; i++) {
            String token = i % 3 == 0 ? "wrong-token" : "test-token";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/alertmanager"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"4\",\"alerts\":[]}"))
                    .build();
            try {
                answers.merge(String.valueOf(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()), 1, Integer::sum);
            } catch (IOException e) {
                answers.merge(e.getMessage(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of("200", 20, "401", 10), answers);
    }

    /** Reads until the server closes; -1 when it sent nothing at all. */
    private static int readToEnd(InputStream in) throws IOException {
        int first = in.read();
        if (first != -1) {
            in.readAllBytes();
        }
        return first;
    }
}

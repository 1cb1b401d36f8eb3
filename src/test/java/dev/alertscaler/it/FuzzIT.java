package dev.alertscaler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.alertscaler.TargetFixtures;
import dev.alertscaler.local.AlertscalerJar;
import dev.alertscaler.local.MockApi;

/**
 * A seeded fuzzer over notifications and on-call bodies, against the packaged jar on the mock
 * Kubernetes API (fabric8's, in CRUD mode: no kube-apiserver can be installed here). Every answer
 * must be one the contract names (never a 500), an input the contract calls invalid must write
 * nothing (no update, no Event, no ConfigMap), and the process must live through it all.
 *
 * <p>{@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.count=N} sets the number of requests of each
 * kind (the long runs of {@code deploy/local/reliability.sh} use tens of thousands). The seed is
 * printed at the start and in every failure.
 */
class FuzzIT {

    static final String TOKEN = "fuzz-token";
    static final String ONCALL_TOKEN = "fuzz-oncall-token";
    static final Set<Integer> WEBHOOK_STATUSES = Set.of(200, 400, 401, 403, 413, 503);
    /** On-call: DESIGN.md's codes; 404 only for a target that is not there, 409 when the kill switch is on. */
    static final Set<Integer> ONCALL_STATUSES = Set.of(200, 204, 400, 401, 403, 404, 409, 413, 503);

    final long seed = Long.getLong("fuzz.seed", System.nanoTime());
    final int count = Integer.getInteger("fuzz.count", 1500);
    final Random random = new Random(seed);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Map<String, Integer> tally = new TreeMap<>();

    @Test
    void mutatedNotificationsAndOncallBodiesGetContractAnswersAndInvalidOnesWriteNothing() throws Exception {
        System.out.printf("FuzzIT seed=%d count=%d (replay: -Dfuzz.seed=%d)%n", seed, count, seed);
        Path tokens = Files.createTempFile("fuzz-oncall", "");
        Files.writeString(tokens, "fuzzer=" + ONCALL_TOKEN + "\n");
        try (MockApi api = MockApi.start(0)) {
            TargetFixtures targets = new TargetFixtures(api.client());
            for (int i = 0; i < FuzzInputs.TARGETS; i++) {
                targets.deployment("default", "fuzz-" + i, 1, Map.of("alertscaler.dev/max-replicas", "50"));
            }
            try (AlertscalerJar jar = AlertscalerJar.start(AlertscalerJar.packaged(), api.url(), List.of(),
                    Map.of("alertscaler.webhook.token", TOKEN, "alertscaler.oncall.tokens-file", tokens.toString(),
                            "quarkus.scheduler.enabled", "false", "alertscaler.heartbeat.timeout", "5m",
                            "alertscaler.webhook.watch-cache", "false"),
                    Path.of("target/fuzz.log"))) {
                jar.awaitReady();
                FuzzInputs inputs = new FuzzInputs(random, Instant.now().minusSeconds(60));
                api.takeServiceRequests();
                for (int i = 0; i < count; i++) {
                    FuzzInputs.Input in = inputs.notification();
                    check(api, jar, in, send(jar, "POST", "/alertmanager", TOKEN, in.body()), WEBHOOK_STATUSES);
                }
                for (int i = 0; i < count; i++) {
                    FuzzInputs.Input in = inputs.oncall();
                    check(api, jar, in, send(jar, in.method(), in.path(), ONCALL_TOKEN, in.body()), ONCALL_STATUSES);
                }
                assertTrue(jar.process.isAlive(), "alertscaler died; seed " + seed);
                assertEquals(200, send(jar, "GET", "/q/health/live", null, null).statusCode(), "alive; seed " + seed);
            }
        } finally {
            Files.deleteIfExists(tokens);
        }
        System.out.printf("FuzzIT seed=%d answers by kind and status: %s%n", seed, tally);
    }

    private void check(MockApi api, AlertscalerJar jar, FuzzInputs.Input in, HttpResponse<String> answer,
            Set<Integer> allowed) throws InterruptedException {
        int status = answer.statusCode();
        tally.merge(in.kind() + ":" + status, 1, Integer::sum);
        List<String> writes = new ArrayList<>();
        for (String request : api.takeServiceRequests()) {
            if (!request.startsWith("GET ")) {
                writes.add(request);
            }
        }
        String what = "seed " + seed + ", " + in.kind() + " " + in.method() + " " + in.path() + " body "
                + FuzzInputs.printable(in.body()) + " -> " + status + " " + FuzzInputs.printable(answer.body());
        assertTrue(allowed.contains(status), "an answer outside the contract: " + what);
        if (status >= 400 && status < 500 || in.invalid()) {
            assertEquals(List.of(), writes, "writes for invalid input: " + what);
        }
        if (!jar.process.isAlive()) {
            throw new AssertionError("alertscaler died after: " + what);
        }
    }

    private HttpResponse<String> send(AlertscalerJar jar, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(jar.base() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.alertscaler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.Collections;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertscaler.TargetFixtures;
import dev.alertscaler.alertmanager.Notifications;
import dev.alertscaler.local.AlertscalerJar;
import dev.alertscaler.local.MockApi;

/**
 * An Alertmanager HA pair delivers the same large group to two instances of the packaged jar at
 * once, both on one mock Kubernetes API (fabric8's, in CRUD mode: no kube-apiserver can be
 * installed here). Every target must get exactly one step, and both deliveries must be answered 200
 * on the first attempt: Alertmanager's retries fit in about max(group_interval, 10 s), and a 503 for
 * work another instance is doing would spend that budget for nothing. Timing is reported (in the
 * log and by the benchmark), not asserted.
 */
class TwoInstancesIT {

    static final String TOKEN = "two-instances-token";
    static final String NS = "default";
    static final int TARGETS = 100;

    static MockApi api;
    static AlertscalerJar first;
    static AlertscalerJar second;
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        api = MockApi.start(0);
        Path jar = AlertscalerJar.packaged();
        Map<String, String> props = Map.of("alertscaler.webhook.token", TOKEN, "quarkus.scheduler.enabled", "false",
                "alertscaler.reconcile.interval", "1h");
        Files.createDirectories(Path.of("target"));
        first = AlertscalerJar.start(jar, api.url(), List.of(), props, Path.of("target/two-instances-a.log"));
        second = AlertscalerJar.start(jar, api.url(), List.of(), props, Path.of("target/two-instances-b.log"));
        first.awaitReady();
        second.awaitReady();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (AutoCloseable c : new AutoCloseable[] {first, second, api}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // the others still close
            }
        }
    }

    @Test
    void aLargeGroupDeliveredToBothInstancesAtOnceStepsEachTargetOnceOnTheFirstAttempt() throws Exception {
        TargetFixtures targets = new TargetFixtures(api.client());
        Instant startsAt = Instant.now().minusSeconds(60);
        // instances that have served before, as in a cluster: a first group warms their code paths
        // (its answers are not what this test is about; a cold first notification is slower)
        Notifications warmUp = group(targets, "warm", startsAt);
        Thread.sleep(1000);
        deliver(first, warmUp.json()).get();
        deliver(second, warmUp.json()).get();
        Notifications group = group(targets, "group", startsAt);
        // both watch caches see the new targets within milliseconds, as in a cluster that has run a
        // while; a cache that lagged would cost a GET per target, never a wrong write
        Thread.sleep(1000);
        String body = group.json();

        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> a = deliver(first, body);
        CompletableFuture<HttpResponse<String>> b = deliver(second, body);
        List<String> problems = new ArrayList<>();
        for (HttpResponse<String> answer : List.of(a.get(), b.get())) {
            if (answer.statusCode() != 200) {
                problems.add(answer.statusCode() + " " + firstRetry(answer.body()));
            }
        }
        System.out.printf("two instances, %d targets: both answered in %d ms%n", TARGETS,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        assertEquals(List.of(), problems, "answers other than 200 on the first attempt");

        for (int i = 0; i < TARGETS; i++) {
            String name = "group-" + i;
            assertEquals(3, targets.replicas(NS, name), name);
            assertEquals(1, targets.events(NS, name, "ScaledUp").size(), "ScaledUp Events of " + name);
        }
        // Alertmanager's next repeat, again to both: nothing more is applied
        for (HttpResponse<String> answer : List.of(deliver(first, body).get(), deliver(second, body).get())) {
            assertEquals(200, answer.statusCode(), answer.body());
            for (JsonNode alert : JSON.readTree(answer.body()).get("alerts")) {
                assertEquals("unchanged", alert.get("outcome").asText(), alert.toString());
            }
        }
    }

    /**
     * Many small notifications at once, as two Alertmanagers and their retries send them: each of 50
     * targets' notification 10 times, spread over both instances, shuffled, 16 in flight. Each
     * target gets one step, told once.
     */
    @Test
    void concurrentDuplicatesAcrossBothInstancesStepEachTargetOnce() throws Exception {
        TargetFixtures targets = new TargetFixtures(api.client());
        Instant startsAt = Instant.now().minusSeconds(60);
        List<Callable<HttpResponse<String>>> sends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = "dup-" + i;
            targets.deployment(NS, name, 1, Map.of());
            String body = Notifications.notification().firing(NS, name, "fp-" + name, startsAt).json();
            for (int copy = 0; copy < 10; copy++) {
                AlertscalerJar to = copy % 2 == 0 ? first : second;
                sends.add(() -> deliver(to, body).get());
            }
        }
        Thread.sleep(1000); // the watch caches see the new targets
        Collections.shuffle(sends, new Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        Map<Integer, Integer> statuses = new TreeMap<>();
        try {
            for (Future<HttpResponse<String>> answer : pool.invokeAll(sends)) {
                statuses.merge(answer.get().statusCode(), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Map.of(200, 500), statuses, "answers by status");
        for (int i = 0; i < 50; i++) {
            assertEquals(3, targets.replicas(NS, "dup-" + i), "dup-" + i);
            assertEquals(1, targets.events(NS, "dup-" + i, "ScaledUp").size(), "ScaledUp Events of dup-" + i);
        }
    }

    /** {@value #TARGETS} opted-in Deployments at 1 replica, and one notification firing for all of them. */
    private static Notifications group(TargetFixtures targets, String prefix, Instant startsAt) {
        Notifications group = Notifications.notification();
        for (int i = 0; i < TARGETS; i++) {
            targets.deployment(NS, prefix + "-" + i, 1, Map.of());
            group.firing(NS, prefix + "-" + i, "fp-" + prefix + "-" + i, startsAt);
        }
        return group;
    }

    private CompletableFuture<HttpResponse<String>> deliver(AlertscalerJar to, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(to.base() + "/alertmanager"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String firstRetry(String body) {
        try {
            for (JsonNode alert : JSON.readTree(body).get("alerts")) {
                if (!"applied".equals(alert.get("outcome").asText()) && !"unchanged".equals(alert.get("outcome").asText())) {
                    return alert.toString();
                }
            }
        } catch (Exception e) {
            return body;
        }
        return body;
    }
}

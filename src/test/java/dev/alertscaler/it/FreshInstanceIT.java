package dev.alertscaler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.alertscaler.TargetFixtures;
import dev.alertscaler.alertmanager.Notifications;
import dev.alertscaler.local.AlertmanagerSender;
import dev.alertscaler.local.AlertscalerJar;
import dev.alertscaler.local.MockApi;

/**
 * What scale-to-zero relies on: any instance, freshly started, continues the story from the state on
 * the target. An instance scales a target up and sees the alert resolve, and stops; the (shortened)
 * window passes with no instance running; a fresh instance with its scheduler off — woken only by
 * {@code POST /reconcile}, as a Knative PingSource wakes it — takes the first scale-down step on its
 * first call, nothing between calls, and the next step on a call one period later. On the mock
 * Kubernetes API (fabric8's, in CRUD mode: no kube-apiserver can be installed here), which outlives
 * both processes. Margins: every wait is a lower bound but one (the call between steps must come
 * within the 10 s period; it comes 6 s after the last answer).
 */
class FreshInstanceIT {

    static final String TOKEN = "fresh-token";
    /**
     * Longer than the period, as every real policy has it (300 s and 60 s by default): the HPA's
     * arithmetic counts a scale-up inside the last period against the next scale-down.
     */
    static final Duration WINDOW = Duration.ofSeconds(11);
    static final Duration PERIOD = Duration.ofSeconds(10);

    @Test
    void aFreshInstanceWithoutItsSchedulerContinuesTheScaleDownOnEachReconcile() throws Exception {
        Path jarFile = AlertscalerJar.packaged();
        // calls closer than min-gap (5 s by default) share one run: 1 s lets the calls below, 4.5 s apart, each run
        Map<String, String> props = Map.of("alertscaler.webhook.token", TOKEN, "quarkus.scheduler.enabled", "false",
                "alertscaler.reconcile.min-gap", "1s");
        try (MockApi api = MockApi.start(0)) {
            TargetFixtures targets = new TargetFixtures(api.client());
            targets.deployment("default", "sleepy", 1, Map.of(
                    "alertscaler.dev/target-value-per-replica", "1",
                    "alertscaler.dev/stabilization-window", WINDOW.toSeconds() + "s",
                    "alertscaler.dev/scale-down-period", PERIOD.toSeconds() + "s"));
            Instant startsAt = Instant.now().minusSeconds(30);
            Map<String, String> labels = Notifications.labels("default", "deployment", "sleepy");

            try (AlertscalerJar first = AlertscalerJar.start(AlertscalerJar.freePort(), jarFile, api.url(), List.of(), Map.of(),
                    props, Path.of("target/fresh-instance-1.log"))) {
                first.awaitReady();
                AlertmanagerSender alertmanager = new AlertmanagerSender(first.base(), TOKEN, Duration.ofSeconds(30), 1);
                assertEquals(200, alertmanager.deliver(Notifications.notification().alert("firing", labels,
                        Map.of("value", "8"), "fp-sleepy", startsAt, Notifications.FIRING_ENDS_AT).json()).status());
                assertEquals(8, targets.replicas("default", "sleepy"), "the need, 8, in one step");
                assertEquals(200, alertmanager.deliver(Notifications.notification().alert("resolved", labels,
                        Map.of("value", "8"), "fp-sleepy", startsAt, Instant.now().toString()).json()).status());
            }
            // no instance runs while the window passes
            Thread.sleep(WINDOW.plusSeconds(1).toMillis());
            assertEquals(8, targets.replicas("default", "sleepy"));

            try (AlertscalerJar fresh = AlertscalerJar.start(AlertscalerJar.freePort(), jarFile, api.url(), List.of(), Map.of(),
                    props, Path.of("target/fresh-instance-2.log"))) {
                fresh.awaitReady();
                assertEquals(8, targets.replicas("default", "sleepy"), "started, but not woken: no scheduler");

                assertEquals(200, reconcile(fresh));
                assertEquals(6, targets.replicas("default", "sleepy"), "the first call: 25 % of 8 after the window");

                Thread.sleep(6_000); // inside the 10 s period
                assertEquals(6, targets.replicas("default", "sleepy"), "nothing between calls");
                assertEquals(200, reconcile(fresh));
                assertEquals(6, targets.replicas("default", "sleepy"), "a call within the period takes no step");

                Thread.sleep(PERIOD.minusSeconds(6).plusMillis(500).toMillis()); // a period after the first call
                assertEquals(200, reconcile(fresh));
                assertEquals(4, targets.replicas("default", "sleepy"), "one period later: 6 × 75 % = 4.5, truncated");
                assertEquals(2, targets.events("default", "sleepy", "ScaledDown").size());
            }
        }
    }

    /** {@code POST /reconcile} as a PingSource sends it; a 5xx (a cold client's first call) is retried. */
    private static int reconcile(AlertscalerJar instance) throws Exception {
        int status = 0;
        for (int attempt = 0; attempt < 8 && (status == 0 || status >= 500); attempt++) {
            Thread.sleep(attempt == 0 ? 0 : 250L << Math.min(attempt, 3));
            status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(instance.base() + "/reconcile"))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        return status;
    }
}

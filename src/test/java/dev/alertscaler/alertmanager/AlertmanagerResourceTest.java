package dev.alertscaler.alertmanager;

import static dev.alertscaler.alertmanager.Notifications.notification;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertscaler.Metrics;
import dev.alertscaler.MutableClock;
import dev.alertscaler.TargetFixtures;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * {@code POST /alertmanager} through HTTP against the mock Kubernetes API in CRUD mode (the stand-in
 * for a real API server, which cannot be installed here), with the clock stepped by the test.
 */
@QuarkusTest
@WithTestResource(MockApiResource.class)
class AlertmanagerResourceTest {

    static final String NS = "default";
    static final String TOKEN = "test-token";

    @InjectMockApi
    MockApi api;

    @Inject
    MutableClock clock;

    TargetFixtures targets;
    Instant startsAt;

    @BeforeEach
    void setUp() {
        targets = new TargetFixtures(api.client());
        clock.set(Instant.parse("2026-11-28T10:00:00Z"));
        startsAt = clock.instant().minusSeconds(60);
    }

    ValidatableResponse post(String body) {
        return given().header("Authorization", "Bearer " + TOKEN).contentType("application/json").body(body)
                .when().post("/alertmanager").then();
    }

    String firing(String name) {
        return notification().firing(NS, name, "fp-" + name, startsAt).json();
    }

    @Test
    void aFirstFiringAlertAddsOneStep() {
        targets.deployment(NS, "first", 1, Map.of());
        post(firing("first")).statusCode(200)
                .body("status", equalTo("ok"))
                .body("alerts[0].outcome", equalTo("applied"))
                .body("alerts[0].decision", equalTo("step"))
                .body("alerts[0].fromReplicas", equalTo(1))
                .body("alerts[0].toReplicas", equalTo(3))
                .body("alerts[0].target", equalTo("default/deployments/first"));
        assertEquals(3, targets.replicas(NS, "first"));
        assertTrue(targets.get(NS, "first").getMetadata().getAnnotations().get("alertscaler.dev/state")
                .contains("fp-first"), "the alert is recorded in the same update");
        assertEquals(1, targets.events(NS, "first", "ScaledUp").size());
        assertTrue(targets.events(NS, "first", "ScaledUp").get(0).getMessage().startsWith("scaled 1 → 3 (step)"));
    }

    @Test
    void theSameNotificationFiveTimesAddsOneStepAndWritesOnce() {
        targets.deployment(NS, "repeat", 1, Map.of());
        post(firing("repeat")).statusCode(200).body("alerts[0].outcome", equalTo("applied"));
        String written = targets.resourceVersion(NS, "repeat");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(5));
            post(firing("repeat")).statusCode(200)
                    .body("alerts[0].outcome", equalTo("unchanged"))
                    .body("alerts[0].decision", equalTo("period_not_elapsed"));
        }
        assertEquals(3, targets.replicas(NS, "repeat"));
        assertEquals(written, targets.resourceVersion(NS, "repeat"), "a notification that changes nothing writes nothing");
    }

    @Test
    void theSameNotificationTwentyTimesConcurrentlyAddsOneStep() throws Exception {
        targets.deployment(NS, "storm", 1, Map.of());
        String body = firing("storm");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> post(body).extract().statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, targets.replicas(NS, "storm"));
        assertEquals(1, targets.events(NS, "storm", "ScaledUp").size());
    }

    @Test
    void anotherStepOnlyOnceThePeriodHasPassed() {
        targets.deployment(NS, "period", 1, Map.of());
        post(firing("period")).statusCode(200).body("alerts[0].toReplicas", equalTo(3));
        targets.markReady(NS, "period");
        clock.advance(Duration.ofSeconds(29));
        post(firing("period")).statusCode(200).body("alerts[0].decision", equalTo("period_not_elapsed"));
        assertEquals(3, targets.replicas(NS, "period"));
        clock.advance(Duration.ofSeconds(1));
        post(firing("period")).statusCode(200).body("alerts[0].decision", equalTo("step"))
                .body("alerts[0].toReplicas", equalTo(5));
        assertEquals(5, targets.replicas(NS, "period"));
    }

    @Test
    void aStepWaitsForThePreviousStepsPods() {
        targets.deployment(NS, "unready", 1, Map.of());
        post(firing("unready")).statusCode(200).body("alerts[0].toReplicas", equalTo(3));
        clock.advance(Duration.ofSeconds(30)); // due, but none of the 2 new pods is ready
        post(firing("unready")).statusCode(200).body("alerts[0].decision", equalTo("waiting_for_ready"));
        targets.markReady(NS, "unready");
        post(firing("unready")).statusCode(200).body("alerts[0].toReplicas", equalTo(5));
    }

    @Test
    void aResolvedAlertChangesNoReplicas() {
        targets.deployment(NS, "resolved", 1, Map.of());
        post(firing("resolved")).statusCode(200);
        clock.advance(Duration.ofSeconds(40));
        String resolved = notification().resolved(NS, "resolved", "fp-resolved", startsAt, clock.instant()).json();
        post(resolved).statusCode(200).body("alerts[0].outcome", equalTo("applied"))
                .body("alerts[0].decision", equalTo("stabilizing"));
        assertEquals(3, targets.replicas(NS, "resolved"));
        String written = targets.resourceVersion(NS, "resolved");
        post(resolved).statusCode(200).body("alerts[0].outcome", equalTo("unchanged"));
        clock.advance(Duration.ofSeconds(5));
        post(firing("resolved")).statusCode(200).body("alerts[0].outcome", equalTo("unchanged"));
        assertEquals(written, targets.resourceVersion(NS, "resolved"), "a late firing duplicate is stale");
        assertEquals(3, targets.replicas(NS, "resolved"));
    }

    @Test
    void alertsThatNameNoScalableTargetAreIgnoredAndWriteNothing() {
        targets.deployment(NS, "bystander", 1, Map.of("app", "bystander"), Map.of());
        String rv = targets.resourceVersion(NS, "bystander");
        Map<String, String> noNamespace = Notifications.labels(NS, "deployment", "bystander");
        noNamespace.remove("namespace");
        Map<String, String> both = Notifications.labels(NS, "deployment", "bystander");
        both.put("statefulset", "bystander");
        Map<String, String> badRole = Notifications.labels(NS, "deployment", "bystander");
        badRole.put("alertscaler_role", "boss");
        String body = notification()
                .alert("firing", noNamespace, Map.of(), "fp1", startsAt, Notifications.FIRING_ENDS_AT)
                .alert("firing", Notifications.labels(NS, "other", "bystander"), Map.of(), "fp2", startsAt, Notifications.FIRING_ENDS_AT)
                .alert("firing", both, Map.of(), "fp3", startsAt, Notifications.FIRING_ENDS_AT)
                .alert("firing", badRole, Map.of(), "fp4", startsAt, Notifications.FIRING_ENDS_AT)
                .firing(NS, "no-such-app", "fp5", startsAt)
                .firing(NS, "bystander", "fp6", startsAt)
                .json();
        post(body).statusCode(200)
                .body("alerts", hasSize(6))
                .body("alerts.outcome", equalTo(List.of("ignored", "ignored", "ignored", "ignored", "ignored", "ignored")))
                .body("alerts[0].reason", containsString("namespace"))
                .body("alerts[1].reason", containsString("exactly one of the labels deployment and statefulset"))
                .body("alerts[2].reason", containsString("exactly one"))
                .body("alerts[3].reason", containsString("alertscaler_role"))
                .body("alerts[4].reason", containsString("does not exist"))
                .body("alerts[5].reason", containsString("not opted in"));
        assertEquals(rv, targets.resourceVersion(NS, "bystander"));
        assertEquals(1, targets.replicas(NS, "bystander"));
    }

    /**
     * A kube-state-metrics alert (namespace and deployment labels, no role) that a route sends here,
     * and roles that are not exactly a known one, never act: answered ignored with the reason and
     * counted by reason. Guards the required role in {@code AlertMapper.map} and
     * {@code AlertRole.fromLabel}'s exact match.
     */
    @Test
    void alertsWithoutAKnownRoleAreIgnoredAndCounted() {
        targets.deployment(NS, "rolling-out", 1, Map.of());
        String missing = "alertscaler_webhook_ignored_alerts_total{reason=\"missing_role\"}";
        String unknown = "alertscaler_webhook_ignored_alerts_total{reason=\"unknown_role\"}";
        double missingBefore = Metrics.value(missing);
        double unknownBefore = Metrics.value(unknown);
        Map<String, String> kubeStateMetrics = new java.util.LinkedHashMap<>(Map.of("alertname",
                "KubeDeploymentRolloutStuck", "namespace", NS, "deployment", "rolling-out", "severity", "warning"));
        List<Map<String, String>> oddRoles = new ArrayList<>();
        for (String role : List.of("hold\u0000", " scale-up", "Scale-Up", "")) {
            Map<String, String> labels = Notifications.labels(NS, "deployment", "rolling-out");
            labels.put("alertscaler_role", role);
            oddRoles.add(labels);
        }
        Notifications n = notification().alert("firing", kubeStateMetrics, Map.of(), "fp-ksm", startsAt,
                Notifications.FIRING_ENDS_AT);
        for (int i = 0; i < oddRoles.size(); i++) {
            n.alert("firing", oddRoles.get(i), Map.of(), "fp-odd" + i, startsAt, Notifications.FIRING_ENDS_AT);
        }
        post(n.json()).statusCode(200)
                .body("alerts.outcome", equalTo(List.of("ignored", "ignored", "ignored", "ignored", "ignored")))
                .body("alerts[0].reason", containsString("no alertscaler_role label"))
                .body("alerts[1].reason", containsString("unknown alertscaler_role"));
        assertEquals(1, targets.replicas(NS, "rolling-out"));
        assertEquals(missingBefore + 1, Metrics.value(missing));
        assertEquals(unknownBefore + 4, Metrics.value(unknown));
    }

    /**
     * Names that are no Kubernetes names never reach the API: unchecked, {@code app/scale} would have
     * rewritten the Deployment {@code app} (a path segment plus a subresource). Guards the
     * {@code KubernetesNames} checks in {@code AlertMapper.map}.
     */
    @Test
    void namesThatAreNoKubernetesNamesAreIgnoredBeforeAnyApiCall() {
        String rv = targets.resourceVersion(NS, "app");
        Notifications n = notification();
        List<String> bad = List.of("app/scale", "app?x=1", "app#f", "app/status", "a\u200bpp", "App", "app\nforged");
        for (int i = 0; i < bad.size(); i++) {
            n.firing(NS, bad.get(i), "fp-bad-" + i, startsAt);
        }
        n.firing("default/x", "app", "fp-bad-ns", startsAt);
        int before = api.server().getRequestCount();
        post(n.json()).statusCode(200)
                .body("alerts.outcome", everyItem(equalTo("ignored")))
                .body("alerts[0].reason", containsString("is not a workload name"))
                .body("alerts[4].reason", containsString("a\\u200bpp"))
                .body("alerts[7].reason", containsString("is not a namespace name"));
        assertEquals(before, api.server().getRequestCount(), "no API call at all");
        assertEquals(rv, targets.resourceVersion(NS, "app"));
    }

    @Test
    void aStatefulSetIsScaledLikeADeployment() {
        targets.statefulSet(NS, "db", 2);
        String body = notification().alert("firing", Notifications.labels(NS, "statefulset", "db"), Map.of(),
                "fp-db", startsAt, Notifications.FIRING_ENDS_AT).json();
        post(body).statusCode(200).body("alerts[0].target", equalTo("default/statefulsets/db"))
                .body("alerts[0].toReplicas", equalTo(4));
        assertEquals(4, api.client().apps().statefulSets().inNamespace(NS).withName("db").get().getSpec().getReplicas());
    }

    @Test
    void proportionalModeUsesTheAlertValue() {
        targets.deployment(NS, "proportional", 4, Map.of("alertscaler.dev/target-value-per-replica", "10"));
        String body = notification().alert("firing", Notifications.labels(NS, "deployment", "proportional"),
                Map.of("value", "51.5"), "fp-p", startsAt, Notifications.FIRING_ENDS_AT).json();
        post(body).statusCode(200).body("alerts[0].decision", equalTo("proportional"))
                .body("alerts[0].toReplicas", equalTo(6));
    }

    @Test
    void anInvalidAnnotationSkipsTheTargetWithOneWarningEvent() {
        targets.deployment(NS, "misconfigured", 1, Map.of("alertscaler.dev/max-replicas", "lots"));
        post(firing("misconfigured")).statusCode(200).body("alerts[0].outcome", equalTo("ignored"))
                .body("alerts[0].reason", containsString("alertscaler.dev/max-replicas=\"lots\""));
        // the problem is recorded in the state, so that the next notification does not repeat the Event
        String recorded = targets.resourceVersion(NS, "misconfigured");
        post(firing("misconfigured")).statusCode(200).body("alerts[0].outcome", equalTo("ignored"));
        assertEquals(recorded, targets.resourceVersion(NS, "misconfigured"));
        assertEquals(1, targets.replicas(NS, "misconfigured"));
        var warnings = targets.events(NS, "misconfigured", "InvalidConfig");
        assertEquals(1, warnings.size());
        assertEquals("Warning", warnings.get(0).getType());
        assertTrue(warnings.get(0).getMessage().contains("alertscaler.dev/max-replicas=\"lots\""));
    }

    @Test
    void aCorruptStateIsReplacedConservatively() {
        targets.deployment(NS, "corrupt", 1, Map.of("alertscaler.dev/state", "{garbage"));
        post(firing("corrupt")).statusCode(200).body("alerts[0].outcome", equalTo("applied"))
                .body("alerts[0].decision", equalTo("period_not_elapsed"));
        assertEquals(1, targets.replicas(NS, "corrupt"), "as if a scale-up had just happened");
        assertTrue(targets.get(NS, "corrupt").getMetadata().getAnnotations().get("alertscaler.dev/state")
                .startsWith("{\"version\":1"));
        assertEquals(1, targets.events(NS, "corrupt", "InvalidConfig").size());
        clock.advance(Duration.ofSeconds(30));
        post(firing("corrupt")).statusCode(200).body("alerts[0].toReplicas", equalTo(3));
    }

    @Test
    void badTokensGet401AndChangeNothing() {
        targets.deployment(NS, "guarded", 1, Map.of());
        String series = "alertscaler_webhook_requests_total{outcome=\"unauthorized\"}";
        double before = Metrics.value(series);
        String body = firing("guarded");
        given().contentType("application/json").body(body).post("/alertmanager").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").contentType("application/json").body(body)
                .post("/alertmanager").then().statusCode(401);
        given().header("Authorization", "Basic " + TOKEN).contentType("application/json").body(body)
                .post("/alertmanager").then().statusCode(401);
        assertEquals(1, targets.replicas(NS, "guarded"));
        // each one counted: Alertmanager drops a 401 silently, so the metric is where it shows
        assertEquals(before + 3, Metrics.value(series));
    }

    @Test
    void malformedBodiesGet400() {
        post("{not json").statusCode(400).body("error", containsString("not an Alertmanager payload"));
        post("[1,2,3]").statusCode(400);
        post(firing("x").replace("\"version\":\"4\"", "\"version\":\"3\"")).statusCode(400)
                .body("error", containsString("version must be \"4\""));
    }

    /** A null where an alert should be is a 400 naming it, and nothing is written (it was a 500). Guards {@code WebhookPayload.problem}. */
    @Test
    void aNullAlertGets400AndWritesNothing() {
        String rv = targets.resourceVersion(NS, "app");
        post("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[null]}").statusCode(400)
                .body("error", containsString("alerts[0] is null"));
        post(firing("app").replace("\"alerts\":[", "\"alerts\":[null,")).statusCode(400)
                .body("error", containsString("alerts[0]"));
        assertEquals(rv, targets.resourceVersion(NS, "app"));
    }

    @Test
    void aBodyAboveOneMebibyteGets413() {
        String series = "alertscaler_webhook_requests_total{outcome=\"too_large\"}";
        double before = Metrics.value(series);
        String padding = "x".repeat(2 * 1024 * 1024);
        post("{\"version\":\"4\",\"padding\":\"" + padding + "\"}").statusCode(413);
        assertEquals(before + 1, Metrics.value(series), "counted: Alertmanager drops a 413 silently");
    }

    @Test
    void aFailingApiGets503AndAlertmanagersRetryAppliesTheStepOnce() {
        targets.deployment(NS, "flaky", 1, Map.of());
        // one more 500 than our retries (2): if fabric8 retried on its own, these would be absorbed
        // inside the first attempt and the answer would be 200; so a 503 shows that the failure
        // reached our code and that SmallRye Fault Tolerance alone retried
        api.server().expect().get().withPath("/apis/apps/v1/namespaces/default/deployments/flaky")
                .andReturn(500, "{\"kind\":\"Status\",\"code\":500}").times(3);
        post(firing("flaky")).statusCode(503).body("alerts[0].outcome", equalTo("retry"));
        assertEquals(1, targets.replicas(NS, "flaky"));
        post(firing("flaky")).statusCode(200).body("alerts[0].toReplicas", equalTo(3));
        post(firing("flaky")).statusCode(200).body("alerts[0].outcome", equalTo("unchanged"));
        assertEquals(3, targets.replicas(NS, "flaky"));
        assertEquals(1, targets.events(NS, "flaky", "ScaledUp").size());
    }

    /**
     * A target that keeps changing under us (every update answered 409) is read and decided again
     * {@code MAX_ATTEMPTS} times, then answered 503 so that Alertmanager retries — idempotently.
     * Guards the fall-through after the attempts in {@code TargetScaler.runOnce} (a RETRY outcome) and
     * its mapping to 503.
     */
    @Test
    void conflictsOnEveryAttemptGet503AndTheRetryStepsOnce() {
        targets.deployment(NS, "busy", 1, Map.of());
        api.server().expect().put().withPath("/apis/apps/v1/namespaces/default/deployments/busy")
                .andReturn(409, "{\"kind\":\"Status\",\"code\":409,\"reason\":\"Conflict\"}").times(5);
        post(firing("busy")).statusCode(503).body("alerts[0].outcome", equalTo("retry"))
                .body("alerts[0].reason", containsString("5 conflicts"));
        assertEquals(1, targets.replicas(NS, "busy"));
        post(firing("busy")).statusCode(200).body("alerts[0].toReplicas", equalTo(3));
        assertEquals(1, targets.events(NS, "busy", "ScaledUp").size());
    }

    /**
     * One target whose writes keep failing (an admission webhook that rejects it, say) has its own
     * circuit breaker: after a few failures it is refused without calling the API, and the other
     * targets go on scaling. Guards {@code TargetGuards}: with one breaker for every write, the
     * rejected target's failures opened it and the healthy targets below got 503.
     */
    @Test
    void oneTargetWhoseWritesKeepFailingDoesNotStopTheOthers() throws InterruptedException {
        targets.deployment(NS, "rejected", 1, Map.of());
        api.server().expect().put().withPath("/apis/apps/v1/namespaces/default/deployments/rejected")
                .andReturn(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"admission webhook denied\"}")
                .times(40);
        api.takeServiceRequests();
        for (int i = 0; i < 10; i++) {
            post(firing("rejected")).statusCode(503).body("alerts[0].outcome", equalTo("retry"));
        }
        post(firing("rejected")).statusCode(503)
                .body("alerts[0].reason", containsString("its circuit breaker is open"));
        long puts = api.takeServiceRequests().stream()
                .filter(r -> r.equals("PUT /apis/apps/v1/namespaces/default/deployments/rejected")).count();
        // six attempts open its breaker; a half-open probe may add one on a slow machine; 11
        // notifications with two retries each would have made 33
        assertTrue(puts <= 9, puts + " writes to the rejected target");
        for (int i = 0; i < 5; i++) {
            String name = "healthy-" + i;
            targets.deployment(NS, name, 1, Map.of());
            post(firing(name)).statusCode(200).body("alerts[0].outcome", equalTo("applied"));
            assertEquals(3, targets.replicas(NS, name));
        }
        assertEquals(1, targets.replicas(NS, "rejected"));
        // the mock API and this process are shared with later test classes: leave no broken target
        api.client().apps().deployments().inNamespace(NS).withName("rejected").delete();
    }

    /**
     * A fingerprint is stored as a key of the state annotation: one longer than 128 characters (or
     * with a control character) is ignored, naming why, and nothing is written. Guards the bound in
     * {@code AlertMapper.map}.
     */
    @Test
    void anOversizedFingerprintIsIgnoredAndWritesNothing() {
        targets.deployment(NS, "printed", 1, Map.of());
        String rv = targets.resourceVersion(NS, "printed");
        post(notification().firing(NS, "printed", "f".repeat(129), startsAt).json()).statusCode(200)
                .body("alerts[0].outcome", equalTo("ignored"))
                .body("alerts[0].reason", containsString("fingerprint longer than 128"));
        post(notification().firing(NS, "printed", "fp\u0000", startsAt).json()).statusCode(200)
                .body("alerts[0].outcome", equalTo("ignored"));
        assertEquals(rv, targets.resourceVersion(NS, "printed"), "nothing written");
        post(notification().firing(NS, "printed", "f".repeat(128), startsAt).json()).statusCode(200)
                .body("alerts[0].outcome", equalTo("applied"));
    }

    /** {@code alertscaler_firing_alerts} follows the target's alerts by role. Guards {@code TargetScaler.publishGauges}. */
    @Test
    void theFiringAlertsGaugeFollowsTheAlerts() {
        targets.deployment(NS, "gauged", 1, Map.of());
        String series = "alertscaler_firing_alerts{kind=\"deployments\",name=\"gauged\",namespace=\"default\",role=\"scale-up\"}";
        post(notification().firing(NS, "gauged", "fp-g1", startsAt).firing(NS, "gauged", "fp-g2", startsAt).json())
                .statusCode(200);
        assertEquals(2.0, Metrics.value(series));
        clock.advance(Duration.ofSeconds(10));
        post(notification().resolved(NS, "gauged", "fp-g1", startsAt, clock.instant()).json()).statusCode(200);
        assertEquals(1.0, Metrics.value(series));
    }

    @Test
    void aOneTime500IsRetriedByFaultTolerance() {
        targets.deployment(NS, "blip", 1, Map.of());
        api.server().expect().get().withPath("/apis/apps/v1/namespaces/default/deployments/blip")
                .andReturn(500, "{\"kind\":\"Status\",\"code\":500}").once();
        post(firing("blip")).statusCode(200).body("alerts[0].toReplicas", equalTo(3));
    }

    @Test
    void aStaleResourceVersionIsDecidedAgainAndStepsOnce() {
        Deployment stale = targets.deployment(NS, "contended", 1, Map.of());
        // someone else writes the Deployment after our read: the mock serves the old copy once
        api.client().apps().deployments().inNamespace(NS).withName("contended")
                .edit(d -> { d.getMetadata().getLabels().put("touched", "yes"); return d; });
        api.server().expect().get().withPath("/apis/apps/v1/namespaces/default/deployments/contended")
                .andReturn(200, stale).once();
        post(firing("contended")).statusCode(200).body("alerts[0].toReplicas", equalTo(3));
        Deployment now = targets.get(NS, "contended");
        assertEquals(3, now.getSpec().getReplicas());
        assertEquals("yes", now.getMetadata().getLabels().get("touched"), "the other writer's change survives");
        assertEquals(1, targets.events(NS, "contended", "ScaledUp").size());
    }

    @Test
    void aHangingApiIsCutOffAndAnswered503Promptly() {
        targets.deployment(NS, "hanging", 1, Map.of());
        // every attempt takes 3 s; each is cut at 1.5 s and no retry starts after 3 s: the webhook
        // answers in about 3.1 s instead of waiting on the API (the bound is wide for a loaded machine)
        api.server().expect().get().delay(3, java.util.concurrent.TimeUnit.SECONDS)
                .withPath("/apis/apps/v1/namespaces/default/deployments/hanging")
                .andReturn(200, targets.get(NS, "hanging")).times(3);
        long started = System.nanoTime();
        post(firing("hanging")).statusCode(503).body("alerts[0].outcome", equalTo("retry"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(9)) < 0, "answered after " + took);
        assertEquals(1, targets.replicas(NS, "hanging"));
    }

    @Test
    void realAlertmanagerNotificationsFromAnEndToEndRun() throws Exception {
        targets.deployment(NS, "recorded", 1, Map.of());
        // recorded against default/app; retargeted here so that no other story's target is touched
        java.util.function.Function<String, String> fixture = name -> {
            try (var in = getClass().getResourceAsStream("/alertmanager/" + name)) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\"deployment\":\"app\"", "\"deployment\":\"recorded\"");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        post(fixture.apply("am-0.25-firing.json")).statusCode(200)
                .body("alerts[0].outcome", equalTo("applied")).body("alerts[0].toReplicas", equalTo(3));
        assertTrue(targets.get(NS, "recorded").getMetadata().getAnnotations().get("alertscaler.dev/state")
                .contains("\"value\":45.75"), "the value annotation of the real alert is recorded");
        post(fixture.apply("am-0.25-firing.json")).statusCode(200).body("alerts[0].outcome", equalTo("unchanged"));
        post(fixture.apply("am-0.25-resolved.json")).statusCode(200).body("alerts[0].outcome", equalTo("applied"));
        post(fixture.apply("am-0.25-heartbeat.json")).statusCode(200).body("alerts[0].outcome", equalTo("applied"))
                .body("alerts[0].reason", containsString("heartbeat recorded"));
        assertEquals(3, targets.replicas(NS, "recorded"));
    }
}

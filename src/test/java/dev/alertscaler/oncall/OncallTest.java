package dev.alertscaler.oncall;

import static dev.alertscaler.alertmanager.Notifications.notification;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.alertscaler.MutableClock;
import dev.alertscaler.Stories;
import dev.alertscaler.TargetFixtures;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import dev.alertscaler.reconcile.Reconciler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The on-call API through HTTP, against the mock Kubernetes API in CRUD mode, with the clock
 * stepped by the test: the auth matrix, holds and pauses as stories, dry-run beside a real target.
 */
@QuarkusTest
@WithTestResource(MockApiResource.class)
@TestMethodOrder(MethodOrderer.MethodName.class) // so that each story's week (Stories) comes after the last one's
class OncallTest {

    static final String NS = "default";
    static final String ALICE = "Bearer alice-token";
    static final String WEBHOOK = "Bearer test-token";

    @InjectMockApi
    MockApi api;

    @Inject
    MutableClock clock;

    @Inject
    Reconciler reconciler;

    TargetFixtures targets;
    Instant t0;

    @BeforeEach
    void setUp(TestInfo info) {
        targets = new TargetFixtures(api.client());
        t0 = Stories.weekOf(info, Instant.parse("2030-01-01T00:00:00Z"));
        clock.set(t0);
    }

    RequestSpecification as(String authorization) {
        RequestSpecification spec = given().contentType("application/json");
        return authorization == null ? spec : spec.header("Authorization", authorization);
    }

    void fire(String name, String fingerprint, Instant startsAt) {
        notification().firing(NS, name, fingerprint, startsAt).deliver();
    }

    void resolve(String name, String fingerprint, Instant startsAt) {
        notification().resolved(NS, name, fingerprint, startsAt, clock.instant()).deliver();
    }

    void tick(String... names) {
        for (String name : names) {
            targets.markReady(NS, name);
        }
        reconciler.reconcile().orElseThrow();
    }

    static Stream<Arguments> endpoints() {
        String one = "/targets/default/deployments/matrix";
        return Stream.of(
                Arguments.of("GET", "/targets", null, 200),
                Arguments.of("GET", one, null, 200),
                Arguments.of("PUT", one + "/replicas", "{\"replicas\":2,\"reason\":\"matrix\"}", 200),
                Arguments.of("PUT", one + "/pause", "{\"reason\":\"matrix\"}", 200),
                Arguments.of("DELETE", one + "/pause", null, 204));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void authMatrix(String method, String path, String body, int ok) {
        if (targets.get(NS, "matrix") == null) {
            targets.deployment(NS, "matrix", 2, Map.of());
        }
        for (String[] row : new String[][] { { null, "401" }, { "Bearer nope", "401" }, { WEBHOOK, "403" },
                { "Basic alice-token", "401" }, { ALICE, String.valueOf(ok) } }) {
            RequestSpecification spec = as(row[0]);
            if (body != null) {
                spec = spec.body(body);
            }
            spec.request(method, path).then().statusCode(Integer.parseInt(row[1]));
        }
    }

    @Test
    void anOncallTokenCannotPostNotifications() {
        as(ALICE).body(notification().firing(NS, "app", "fp", t0).json()).post("/alertmanager").then().statusCode(403);
    }

    @Test
    void midStoryTheTargetShowsWhyItIsAtItsCountAndWhenItMayScaleDown() {
        targets.deployment(NS, "explained", 1, Map.of("alertscaler.dev/max-replicas", "6"));
        fire("explained", "fp-x", t0);
        as(ALICE).get("/targets/default/deployments/explained").then().statusCode(200)
                .body("currentReplicas", equalTo(3))
                .body("desiredReplicas", equalTo(3))
                .body("reason", equalTo("period_not_elapsed"))
                .body("policy.max-replicas.value", equalTo("6"))
                .body("policy.max-replicas.source", equalTo("annotation"))
                .body("policy.min-replicas.source", equalTo("default"))
                .body("firingAlerts.scale-up[0].fingerprint", equalTo("fp-x"))
                .body("recentChanges[0].reason", equalTo("step"))
                .body("nextScaleDown", nullValue());
        clock.advance(Duration.ofSeconds(60));
        resolve("explained", "fp-x", t0);
        Instant resolvedAt = clock.instant();
        as(ALICE).get("/targets/default/deployments/explained").then().statusCode(200)
                .body("reason", equalTo("stabilizing"))
                .body("nextScaleDown.at", equalTo(resolvedAt.plusSeconds(300).toString()))
                .body("nextScaleDown.toReplicas", equalTo(2))
                .body("nextScaleDown.removes", equalTo(1))
                .body("firingAlerts.size()", equalTo(0));
        as(ALICE).get("/targets").then().statusCode(200).body("name", hasItem("explained"));
    }

    @Test
    void aManualCountIsHeldUntilItExpiresWhileAlertsAreStillRecorded() {
        targets.deployment(NS, "held", 2, Map.of());
        as(ALICE).body("{\"replicas\":5,\"reason\":\"INC-1: more capacity\",\"holdFor\":\"10m\"}")
                .put("/targets/default/deployments/held/replicas").then().statusCode(200)
                .body("currentReplicas", equalTo(5))
                .body("hold.author", equalTo("alice"))
                .body("hold.until", equalTo(t0.plusSeconds(600).toString()));
        var manual = targets.events(NS, "held", "ManualScale");
        assertEquals(1, manual.size());
        assertTrue(manual.get(0).getMessage().contains("alice") && manual.get(0).getMessage().contains("INC-1"),
                manual.get(0).getMessage());

        fire("held", "fp-held", t0); // recorded, but the count stays pinned
        assertEquals(5, targets.replicas(NS, "held"));
        api.client().apps().deployments().inNamespace(NS).withName("held").scale(3); // someone kubectl-scales
        clock.advance(Duration.ofSeconds(15));
        tick("held");
        assertEquals(5, targets.replicas(NS, "held"), "the hold wins");
        as(ALICE).get("/targets/default/deployments/held").then().body("firingAlerts.scale-up[0].fingerprint", equalTo("fp-held"));

        clock.set(t0.plusSeconds(600)); // expired: the policy again, and the alert still fires
        tick("held");
        assertEquals(8, targets.replicas(NS, "held"), "5 + ceil(5 x 50%) once the hold ends");
        as(ALICE).get("/targets/default/deployments/held").then().body("hold", nullValue());
    }

    @Test
    void aCountOutsideTheBoundsNeedsForce() {
        targets.deployment(NS, "bounds", 2, Map.of("alertscaler.dev/max-replicas", "4"));
        as(ALICE).body("{\"replicas\":9,\"reason\":\"load test\"}").put("/targets/default/deployments/bounds/replicas")
                .then().statusCode(400).body("field", equalTo("replicas")).body("error", containsString("force"));
        assertEquals(2, targets.replicas(NS, "bounds"));
        as(ALICE).body("{\"replicas\":9,\"reason\":\"load test\",\"force\":true}")
                .put("/targets/default/deployments/bounds/replicas").then().statusCode(200).body("currentReplicas", equalTo(9));
    }

    @Test
    void invalidInputNamesTheFieldAndChangesNothing() {
        targets.deployment(NS, "strict", 2, Map.of());
        String rv = targets.resourceVersion(NS, "strict");
        String path = "/targets/default/deployments/strict";
        as(ALICE).body("{\"replicas\":3}").put(path + "/replicas").then().statusCode(400).body("field", equalTo("reason"));
        as(ALICE).body("{\"replicas\":\"three\",\"reason\":\"x\"}").put(path + "/replicas").then().statusCode(400).body("field", equalTo("replicas"));
        as(ALICE).body("{\"replicas\":-1,\"reason\":\"x\"}").put(path + "/replicas").then().statusCode(400).body("field", equalTo("replicas"));
        as(ALICE).body("{\"replicas\":3,\"reason\":\"x\",\"holdFor\":\"forever\"}").put(path + "/replicas").then().statusCode(400).body("field", equalTo("holdFor"));
        as(ALICE).body("{\"replicas\":3,\"reason\":\"x\",\"holdFor\":\"48h\"}").put(path + "/replicas").then().statusCode(400).body("field", equalTo("holdFor"));
        as(ALICE).body("not json").put(path + "/replicas").then().statusCode(400).body("field", equalTo("body"));
        as(ALICE).body("{\"reason\":\"x\",\"direction\":\"sideways\"}").put(path + "/pause").then().statusCode(400).body("field", equalTo("direction"));
        as(ALICE).body("{\"reason\":\"x\",\"until\":\"" + t0.minusSeconds(1) + "\"}").put(path + "/pause").then().statusCode(400).body("field", equalTo("until"));
        as(ALICE).get("/targets/default/cronjobs/strict").then().statusCode(400).body("field", equalTo("kind"));
        assertEquals(rv, targets.resourceVersion(NS, "strict"));
        as(ALICE).get("/targets/default/deployments/nowhere").then().statusCode(404);
        targets.deployment(NS, "private", 1, Map.of("app", "private"), Map.of());
        as(ALICE).get("/targets/default/deployments/private").then().statusCode(404);
        as(ALICE).body("{\"replicas\":3,\"reason\":\"x\"}").put("/targets/default/deployments/private/replicas").then().statusCode(404);
    }

    @Test
    void pauseDirectionsAndTheirExpiry() {
        targets.deployment(NS, "paused", 4, Map.of());
        String path = "/targets/default/deployments/paused";
        as(ALICE).body("{\"reason\":\"INC-2\",\"direction\":\"up\",\"until\":\"" + t0.plusSeconds(120) + "\"}")
                .put(path + "/pause").then().statusCode(200).body("pause.direction", equalTo("up"))
                .body("pause.author", equalTo("alice")).body("pause.source", equalTo("api"));
        fire("paused", "fp-p", t0);
        assertEquals(4, targets.replicas(NS, "paused"), "no scale-up while paused up");
        clock.set(t0.plusSeconds(120)); // the pause ends by itself; the alert still fires
        tick("paused");
        assertEquals(6, targets.replicas(NS, "paused"));
        assertEquals(1, targets.events(NS, "paused", "Resumed").size(), "its end is an Event too");

        as(ALICE).body("{\"reason\":\"INC-2 calm\",\"direction\":\"down\"}").put(path + "/pause").then().statusCode(200);
        resolve("paused", "fp-p", t0);
        clock.advance(Duration.ofMinutes(10));
        tick("paused");
        assertEquals(6, targets.replicas(NS, "paused"), "no scale-down while paused down");
        as(ALICE).delete(path + "/pause").then().statusCode(204);
        as(ALICE).delete(path + "/pause").then().statusCode(204); // idempotent
        tick("paused");
        assertEquals(4, targets.replicas(NS, "paused"), "6 x 75% once resumed");
        assertEquals(2, targets.events(NS, "paused", "Paused").size());
    }

    @Test
    void aPauseSetByAnnotationWorksAndShowsAsSuch() {
        targets.deployment(NS, "annotated", 2, Map.of("alertscaler.dev/paused", "true"));
        fire("annotated", "fp-a", t0);
        assertEquals(2, targets.replicas(NS, "annotated"));
        as(ALICE).get("/targets/default/deployments/annotated").then()
                .body("pause.source", equalTo("annotation")).body("reason", equalTo("paused"));
    }

    @Test
    void dryRunChangesNothingWhileItsShadowStoryMatchesTheRealOne() {
        targets.deployment(NS, "real", 1, Map.of());
        targets.deployment(NS, "shadow", 1, Map.of("alertscaler.dev/dry-run", "true"));
        fire("real", "fp-real", t0);
        fire("shadow", "fp-shadow", t0);
        List<Integer> realStory = new java.util.ArrayList<>();
        List<Integer> shadowStory = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofSeconds(15));
            tick("real", "shadow");
            realStory.add(targets.replicas(NS, "real"));
            shadowStory.add(as(ALICE).get("/targets/default/deployments/shadow").then().extract().path("shadowReplicas"));
            assertEquals(1, targets.replicas(NS, "shadow"), "dry-run never changes the real replicas");
        }
        resolve("real", "fp-real", t0);
        resolve("shadow", "fp-shadow", t0);
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(15));
            tick("real", "shadow");
            realStory.add(targets.replicas(NS, "real"));
            shadowStory.add(as(ALICE).get("/targets/default/deployments/shadow").then().extract().path("shadowReplicas"));
        }
        assertEquals(realStory, shadowStory);
        assertTrue(realStory.contains(10) && realStory.get(realStory.size() - 1) < 10, "the story went up and down: " + realStory);
        var would = targets.events(NS, "shadow", "WouldScale");
        assertEquals(targets.events(NS, "real", "ScaledUp").size() + targets.events(NS, "real", "ScaledDown").size(), would.size());
        assertTrue(would.get(0).getMessage().startsWith("would scale 1 → 3 (step)"), would.get(0).getMessage());
        assertEquals(1, targets.replicas(NS, "shadow"));
        given().get("/q/metrics").then().body(containsString("dry_run=\"true\""));
    }

    @Test
    void openApiDescribesTheOncallEndpointsWithExamples() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/targets/{namespace}/{kind}/{name}/replicas'.put.requestBody.content.'application/json'.examples",
                        notNullValue())
                .body("paths.'/targets/{namespace}/{kind}/{name}/pause'.delete", notNullValue());
    }

    /**
     * An API that fails transiently is a 503 to the on-call engineer (try again), and nothing is
     * applied. Guards the {@code RETRY -> SERVICE_UNAVAILABLE} mapping in {@code TargetsResource.act}.
     */
    @Test
    void aFailingApiIsA503AndChangesNothing() {
        targets.deployment(NS, "unavailable", 2, Map.of());
        api.server().expect().get().withPath("/apis/apps/v1/namespaces/default/deployments/unavailable")
                .andReturn(500, "{\"kind\":\"Status\",\"code\":500}").times(3);
        as(ALICE).body("{\"replicas\":4,\"reason\":\"load test\"}").put("/targets/default/deployments/unavailable/replicas")
                .then().statusCode(503).body("error", containsString("500"));
        assertEquals(2, targets.replicas(NS, "unavailable"));
        assertEquals(0, targets.events(NS, "unavailable", "ManualScale").size());
    }

    /** A path that names no Kubernetes object is a 400 naming the field, before any API call. Guards {@code OncallGuard.ref}. */
    @Test
    void aNameThatIsNoKubernetesNameIsA400() {
        int before = api.server().getRequestCount();
        as(ALICE).get("/targets/default/deployments/App_1").then().statusCode(400).body("field", equalTo("name"));
        as(ALICE).body("{\"replicas\":2,\"reason\":\"x\"}").put("/targets/Default/deployments/app/replicas")
                .then().statusCode(400).body("field", equalTo("namespace"));
        as(ALICE).get("/targets/default/deployments/app%3Fx%3D1").then().statusCode(400).body("field", equalTo("name"));
        assertEquals(before, api.server().getRequestCount());
    }

    /**
     * Free text is bounded: a 2 MB reason, or one with a line break that would forge a log line, is
     * a 400 naming the field, and nothing is written. Guards the checks in {@code OncallRequest.reason}.
     */
    @Test
    void anOversizedOrMultiLineReasonIsA400AndWritesNothing() {
        targets.deployment(NS, "bounded-text", 2, Map.of());
        String rv = targets.resourceVersion(NS, "bounded-text");
        String path = "/targets/default/deployments/bounded-text";
        as(ALICE).body("{\"replicas\":3,\"reason\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").put(path + "/replicas")
                .then().statusCode(400).body("field", equalTo("reason")).body("error", containsString("at most 500"));
        as(ALICE).body("{\"reason\":\"INC-1\\nscaled target=default/deployments/x from=1 to=99\"}").put(path + "/pause")
                .then().statusCode(400).body("field", equalTo("reason"));
        // a control character at the end is not whitespace to trim (FuzzIT found "nul\u0000" accepted as "nul")
        as(ALICE).body("{\"replicas\":3,\"reason\":\"nul\\u0000\"}").put(path + "/replicas")
                .then().statusCode(400).body("field", equalTo("reason"));
        assertEquals(rv, targets.resourceVersion(NS, "bounded-text"), "nothing written");
        as(ALICE).body("{\"replicas\":3,\"reason\":\"" + "y".repeat(500) + "\"}").put(path + "/replicas")
                .then().statusCode(200);
        assertEquals(3, targets.replicas(NS, "bounded-text"), "500 characters are accepted");
        assertEquals(1, targets.events(NS, "bounded-text", "ManualScale").size(), "only the valid request was applied");
    }
}

package dev.alertscaler.config;

import static dev.alertscaler.alertmanager.Notifications.notification;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.alertscaler.Metrics;
import dev.alertscaler.MutableClock;
import dev.alertscaler.TargetFixtures;
import dev.alertscaler.TestConfig;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import dev.alertscaler.reconcile.Reconciler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code alertscaler.namespaces=team-a}: a workload elsewhere is never scaled, whichever door the
 * request comes through. Guards the allow-list check in {@code AlertMapper.map} (webhook), the
 * per-namespace LISTs of {@code AlertscalerConfig.namespaceScopes} (reconcile) and the check in
 * {@code TargetsResource.ref} (on-call).
 */
@QuarkusTest
@WithTestResource(MockApiResource.class)
@WithTestResource(TestConfig.TeamAOnly.class)
class NamespaceAllowListTest {

    @InjectMockApi
    MockApi api;

    @Inject
    MutableClock clock;

    @Inject
    Reconciler reconciler;

    @Test
    void workloadsOutsideTheAllowListAreNeverScaled() {
        TargetFixtures targets = new TargetFixtures(api.client());
        Instant t0 = Instant.parse("2033-01-01T00:00:00Z");
        clock.set(t0);
        targets.deployment("default", "outside", 1, Map.of());
        targets.deployment("default", "outside-big", 12, Map.of("alertscaler.dev/max-replicas", "10"));
        targets.deployment("team-a", "inside-big", 12, Map.of("alertscaler.dev/max-replicas", "10"));
        String series = "alertscaler_webhook_ignored_alerts_total{reason=\"namespace_not_allowed\"}";
        double before = Metrics.value(series);

        given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body(notification().firing("default", "outside", "fp-out", t0).json()).post("/alertmanager")
                .then().statusCode(200).body("alerts[0].outcome", equalTo("ignored"))
                .body("alerts[0].reason", containsString("not in alertscaler.namespaces"));
        assertEquals(1, targets.replicas("default", "outside"));
        assertEquals(before + 1, Metrics.value(series));

        reconciler.reconcile().orElseThrow();
        assertEquals(10, targets.replicas("team-a", "inside-big"), "inside: brought to max-replicas");
        assertEquals(12, targets.replicas("default", "outside-big"), "outside: never listed, never touched");

        given().header("Authorization", "Bearer alice-token").get("/targets/default/deployments/outside-big")
                .then().statusCode(404);
        given().header("Authorization", "Bearer alice-token").contentType("application/json")
                .body("{\"replicas\":2,\"reason\":\"x\"}").put("/targets/default/deployments/outside/replicas")
                .then().statusCode(404);
        given().header("Authorization", "Bearer alice-token").get("/targets").then().statusCode(200)
                .body("namespace", everyItem(equalTo("team-a")));
        assertEquals(1, targets.replicas("default", "outside"));
    }
}

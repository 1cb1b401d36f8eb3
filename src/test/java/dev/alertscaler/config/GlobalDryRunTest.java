package dev.alertscaler.config;

import static dev.alertscaler.alertmanager.Notifications.notification;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.alertscaler.MutableClock;
import dev.alertscaler.TargetFixtures;
import dev.alertscaler.TestConfig;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code alertscaler.dry-run=true}: every target is dry-run without its annotation. Guards the
 * {@code globalDryRun ||} in {@code TargetScaler.dryRun}.
 */
@QuarkusTest
@WithTestResource(MockApiResource.class)
@WithTestResource(TestConfig.GlobalDryRun.class)
class GlobalDryRunTest {

    @InjectMockApi
    MockApi api;

    @Inject
    MutableClock clock;

    @Test
    void everyTargetIsDryRun() {
        TargetFixtures targets = new TargetFixtures(api.client());
        Instant t0 = Instant.parse("2033-02-01T00:00:00Z");
        clock.set(t0);
        targets.deployment("default", "everywhere", 1, Map.of());
        given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body(notification().firing("default", "everywhere", "fp-e", t0).json()).post("/alertmanager")
                .then().statusCode(200).body("alerts[0].decision", equalTo("step")).body("alerts[0].toReplicas", equalTo(3));
        assertEquals(1, targets.replicas("default", "everywhere"), "nothing applied");
        var would = targets.events("default", "everywhere", "WouldScale");
        assertEquals(1, would.size());
        assertTrue(would.get(0).getMessage().startsWith("would scale 1 → 3"), would.get(0).getMessage());
        assertEquals(0, targets.events("default", "everywhere", "ScaledUp").size());
        given().header("Authorization", "Bearer alice-token").get("/targets/default/deployments/everywhere").then()
                .body("dryRun", equalTo(true)).body("shadowReplicas", equalTo(3));
    }
}

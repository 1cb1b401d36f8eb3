package dev.alertscaler.config;

import static dev.alertscaler.alertmanager.Notifications.notification;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * {@code alertscaler.webhook.auth=none}, set on purpose: notifications without a token are
 * accepted; an on-call token is still refused there. Guards {@code callers.webhookOpen()} in
 * {@code AlertmanagerResource.receive}.
 */
@QuarkusTest
@WithTestResource(MockApiResource.class)
@WithTestResource(TestConfig.OpenWebhook.class)
class OpenWebhookTest {

    @InjectMockApi
    MockApi api;

    @Inject
    MutableClock clock;

    @Test
    void aNotificationWithoutATokenIsAccepted() {
        TargetFixtures targets = new TargetFixtures(api.client());
        Instant t0 = Instant.parse("2033-03-01T00:00:00Z");
        clock.set(t0);
        targets.deployment("default", "open", 1, Map.of());
        String body = notification().firing("default", "open", "fp-open", t0).json();
        given().contentType("application/json").body(body).post("/alertmanager").then().statusCode(200)
                .body("alerts[0].toReplicas", equalTo(3));
        assertEquals(3, targets.replicas("default", "open"));
        given().header("Authorization", "Bearer alice-token").contentType("application/json").body(body)
                .post("/alertmanager").then().statusCode(403);
    }
}

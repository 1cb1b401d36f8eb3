package dev.alertscaler.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.alertscaler.TargetFixtures;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.specification.RequestSpecification;

/**
 * The README's on-call walk-through, step by step, on the packaged jar and the mock API (on its own
 * Deployment, so that it does not disturb the other stories sharing the jar).
 */
@QuarkusIntegrationTest
@WithTestResource(MockApiResource.class)
@WithTestResource(PackagedJarConfig.class)
class OncallWalkthroughIT {

    @InjectMockApi
    MockApi api;

    private static RequestSpecification oncall() {
        return given().header("Authorization", "Bearer " + PackagedJarConfig.ONCALL_TOKEN).contentType("application/json");
    }

    @Test
    void theReadmeWalkthrough() throws Exception {
        TargetFixtures targets = new TargetFixtures(api.client());
        targets.deployment("default", "walk", 1, Map.of("alertscaler.dev/min-replicas", "1", "alertscaler.dev/max-replicas", "10"));
        String firing = Files.readString(Path.of("deploy/local/firing-alert.json"))
                .replace("\"deployment\": \"app\"", "\"deployment\": \"walk\"")
                .replace("2026-11-28T05:00:00.000Z", Instant.now().minusSeconds(60).toString());
        given().header("Authorization", "Bearer " + PackagedJarConfig.TOKEN).contentType("application/json")
                .body(firing).post("/alertmanager").then().statusCode(200);

        String target = "/targets/default/deployments/walk";
        oncall().get(target).then().statusCode(200)
                .body("currentReplicas", equalTo(3))
                .body("reason", equalTo("period_not_elapsed"))
                .body("policy.min-replicas.source", equalTo("annotation"))
                .body("firingAlerts.scale-up[0].fingerprint", equalTo("3f5ad5b8b0e6c1a2"))
                .body("recentChanges[0].reason", equalTo("step"));
        oncall().get("/targets").then().statusCode(200).body("name", hasItem("walk"));

        oncall().body("{\"replicas\": 4, \"reason\": \"INC-1234: holding capacity for the sale\", \"holdFor\": \"20m\"}")
                .put(target + "/replicas").then().statusCode(200)
                .body("currentReplicas", equalTo(4)).body("hold.author", equalTo("oncall"));
        assertEquals(4, targets.replicas("default", "walk"));

        oncall().body("{\"reason\": \"INC-1234: investigating\", \"direction\": \"down\"}")
                .put(target + "/pause").then().statusCode(200).body("pause.direction", equalTo("down"));
        oncall().delete(target + "/pause").then().statusCode(204);
        oncall().delete(target + "/pause").then().statusCode(204);

        oncall().body("{\"replicas\": 40, \"reason\": \"x\"}").put(target + "/replicas").then().statusCode(400)
                .body("field", equalTo("replicas")).body("error", containsString("force"));
        given().header("Authorization", "Bearer " + PackagedJarConfig.TOKEN).get("/targets").then().statusCode(403);

        String messages = String.join("\n", targets.events("default", "walk").stream().map(e -> e.getMessage()).toList());
        assertTrue(messages.contains("held at 4 by oncall"), messages);
        assertTrue(messages.contains("oncall paused scaling (down)"), messages);
        assertTrue(messages.contains("oncall ended the pause (down) by oncall"), messages);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/targets/{namespace}/{kind}/{name}/pause"));
    }
}

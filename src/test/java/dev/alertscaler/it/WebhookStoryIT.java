package dev.alertscaler.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.alertscaler.TargetFixtures;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged jar against the mock Kubernetes API (fabric8's mock server in CRUD mode, the
 * stand-in for a real API server), fed the sample Alertmanager 0.25 notifications of
 * {@code deploy/local/}: the Done-when story of the webhook.
 */
@QuarkusIntegrationTest
@WithTestResource(MockApiResource.class)
@WithTestResource(PackagedJarConfig.class)
class WebhookStoryIT {

    @InjectMockApi
    MockApi api;

    private static String notification(String file) throws Exception {
        return Files.readString(Path.of("deploy/local", file));
    }

    /**
     * Delivers like Alertmanager: 5xx and transport errors are retried with backoff, for up to
     * about 10 s. Returns the status of the last attempt.
     */
    private int deliver(String body) throws InterruptedException {
        int status = 0;
        for (int attempt = 0; attempt < 8; attempt++) {
            status = given().header("Authorization", "Bearer " + PackagedJarConfig.TOKEN)
                    .header("User-Agent", "Alertmanager/0.25.0").contentType("application/json").body(body)
                    .when().post("/alertmanager").then().extract().statusCode();
            if (status < 500) {
                return status;
            }
            Thread.sleep(250L << Math.min(attempt, 3));
        }
        return status;
    }

    private void post(String body, String wantOutcome) {
        given().header("Authorization", "Bearer " + PackagedJarConfig.TOKEN)
                .header("User-Agent", "Alertmanager/0.25.0").contentType("application/json").body(body)
                .when().post("/alertmanager")
                .then().statusCode(200).body("alerts[0].outcome", equalTo(wantOutcome));
    }

    @Test
    void firingScalesTheSampleAppTo4InOneStepAndRepeatsAndResolutionLeaveIt() throws Exception {
        TargetFixtures targets = new TargetFixtures(api.client());
        assertEquals(1, targets.replicas("default", "app"));

        // the first notification after a cold start may meet a cold client: Alertmanager would retry
        assertEquals(200, deliver(notification("firing-alert.json")));
        assertEquals(4, targets.replicas("default", "app"));

        // the rule's value is the need, 4 replicas (the sample app's target-value-per-replica is 1);
        // Alertmanager repeats it: the need is met, nothing is added
        post(notification("firing-alert.json"), "unchanged");
        assertEquals(4, targets.replicas("default", "app"));

        post(notification("resolved-alert.json"), "applied");
        assertEquals(4, targets.replicas("default", "app"));
        assertEquals(1, targets.events("default", "app", "ScaledUp").size());

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("alertscaler_scale_total{direction=\"up\",dry_run=\"false\",reason=\"proportional\"}"))
                .body(containsString(
                        "alertscaler_desired_replicas{kind=\"deployments\",name=\"app\",namespace=\"default\"} 4.0"));
    }

    /**
     * The probes a kubelet and Knative's queue-proxy call: liveness at once, readiness with its three
     * named checks once the API has answered (its first probe may take a moment on a loaded machine,
     * as a kubelet's retries allow). In the aot profile this story trains the cache, so the probes'
     * classes are in it too.
     */
    @Test
    void probesAnswerWithTheirNamedChecks() throws InterruptedException {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (given().get("/q/health/ready").statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("kubernetes-api", "watch-cache", "alertmanager-heartbeat"))
                .body("checks.find { it.name == 'kubernetes-api' }.data.detail", startsWith("answered"));
    }
}

package dev.alertscaler.oncall;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.alertscaler.TargetFixtures;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import dev.alertscaler.reconcile.Reconciler;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The kill switch {@code alertscaler.paused=true}: nothing is scaled and nothing is written. */
@QuarkusTest
@WithTestResource(MockApiResource.class)
@WithTestResource(KillSwitchTest.On.class)
class KillSwitchTest {

    /** Turns the kill switch on for this test's application. */
    public static class On implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("alertscaler.paused", "true", "alertscaler.heartbeat.timeout", "5m");
        }

        @Override
        public void stop() {
        }
    }

    @InjectMockApi
    MockApi api;

    @Inject
    Reconciler reconciler;

    @Test
    void nothingIsScaledOrWritten() {
        TargetFixtures targets = new TargetFixtures(api.client());
        targets.deployment("default", "killed", 12, Map.of("alertscaler.dev/max-replicas", "10"));
        String rv = targets.resourceVersion("default", "killed");
        given().header("Authorization", "Bearer test-token").contentType("application/json").body("""
                {"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"namespace":"default",
                "deployment":"killed","alertscaler_role":"scale-up"},"startsAt":"2026-11-28T10:00:00Z","fingerprint":"k"}]}""")
                .post("/alertmanager").then().statusCode(200).body("alerts[0].reason", containsString("alertscaler.paused"));
        reconciler.reconcile();
        given().header("Authorization", "Bearer alice-token").contentType("application/json")
                .body("{\"replicas\":3,\"reason\":\"x\"}").put("/targets/default/deployments/killed/replicas")
                .then().statusCode(409);
        given().header("Authorization", "Bearer alice-token").get("/targets/default/deployments/killed")
                .then().statusCode(200).body("killSwitch", equalTo(true));
        assertEquals(rv, targets.resourceVersion("default", "killed"));
        assertEquals(12, targets.replicas("default", "killed"));
    }

    /**
     * "Nothing is written, anywhere": no heartbeat ConfigMap from a heartbeat alert, no SignalLost
     * Event from a reconcile that finds none. Guards the {@code globalPause()} check in
     * {@code NotificationHandler.beat} and the {@code killSwitch} check in {@code HeartbeatMonitor.check}.
     */
    @Test
    void theHeartbeatIsNeitherRecordedNorReportedLost() {
        given().header("Authorization", "Bearer test-token").contentType("application/json").body("""
                {"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"AlertscalerHeartbeat",
                "alertscaler_role":"heartbeat"},"startsAt":"2026-11-28T10:00:00Z","fingerprint":"hb"}]}""")
                .post("/alertmanager").then().statusCode(200).body("alerts[0].outcome", equalTo("ignored"));
        reconciler.reconcile(); // no heartbeat known: lost, but with the switch on nothing reports it
        assertNull(api.client().configMaps().inNamespace("default").withName("alertscaler-heartbeat").get());
        assertEquals(0, api.client().v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> "SignalLost".equals(e.getReason())).count());
    }
}

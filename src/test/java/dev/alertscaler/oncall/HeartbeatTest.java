package dev.alertscaler.oncall;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.alertscaler.MutableClock;
import dev.alertscaler.TargetFixtures;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import dev.alertscaler.reconcile.ReconcileReport;
import dev.alertscaler.reconcile.Reconciler;
import io.fabric8.kubernetes.api.model.Event;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Signal loss: with a heartbeat timeout set, no Watchdog within it freezes all scale-down. */
@QuarkusTest
@WithTestResource(MockApiResource.class)
@WithTestResource(HeartbeatTest.Timeout.class)
class HeartbeatTest {

    /** Sets {@code alertscaler.heartbeat.timeout} for this test's application. */
    public static class Timeout implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("alertscaler.heartbeat.timeout", "5m");
        }

        @Override
        public void stop() {
        }
    }

    @InjectMockApi
    MockApi api;

    @Inject
    MutableClock clock;

    @Inject
    Reconciler reconciler;

    static final String WATCHDOG = """
            {"version":"4","status":"firing","receiver":"alertscaler-heartbeat","groupKey":"w","alerts":[{"status":"firing",
            "labels":{"alertname":"Watchdog","alertscaler_role":"heartbeat"},"annotations":{},
            "startsAt":"2031-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"watchdog"}]}""";

    private ReconcileReport tick() {
        new TargetFixtures(api.client()).markReady("default", "beat");
        return reconciler.reconcile().orElseThrow();
    }

    private List<Event> signalEvents(String reason) {
        return api.client().v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> "alertscaler-heartbeat".equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .toList();
    }

    private void watchdog(String wantOutcome) {
        given().header("Authorization", "Bearer test-token").contentType("application/json").body(WATCHDOG)
                .post("/alertmanager").then().statusCode(200).body("alerts[0].outcome", equalTo(wantOutcome));
    }

    @Test
    void heartbeatLossFreezesScaleDownAndItsReturnLiftsIt() {
        TargetFixtures targets = new TargetFixtures(api.client());
        Instant t0 = Instant.parse("2031-01-01T00:00:00Z");
        clock.set(t0);
        targets.deployment("default", "beat", 4, Map.of());
        ReconcileReport first = tick(); // no heartbeat ever seen: lost
        assertNotNull(first.scaleDownFrozen);
        assertEquals(1, signalEvents("SignalLost").size());

        clock.set(t0.plusSeconds(300)); // the window since alertscaler met the target has passed
        tick();
        assertEquals(4, targets.replicas("default", "beat"), "frozen: no scale-down without a heartbeat");
        assertEquals(1, signalEvents("SignalLost").size(), "reported once");
        given().header("Authorization", "Bearer alice-token").get("/targets/default/deployments/beat").then()
                .body("signal.lost", equalTo(true)).body("reason", equalTo("scale_down_frozen"));

        watchdog("applied");
        String written = api.client().configMaps().inNamespace("default").withName("alertscaler-heartbeat").get()
                .getMetadata().getResourceVersion();
        clock.advance(Duration.ofSeconds(30));
        watchdog("unchanged"); // a repeat within a quarter of the timeout writes nothing
        assertEquals(written, api.client().configMaps().inNamespace("default").withName("alertscaler-heartbeat").get()
                .getMetadata().getResourceVersion());
        assertEquals(1, signalEvents("SignalRestored").size());
        tick();
        assertEquals(3, targets.replicas("default", "beat"), "scale-down resumes");
        given().get("/q/metrics").then().body(containsString("alertscaler_heartbeat_age_seconds 30.0"));

        clock.advance(Duration.ofMinutes(5)); // silence again, longer than the timeout
        ReconcileReport silent = tick();
        assertNotNull(silent.scaleDownFrozen);
        assertEquals(3, targets.replicas("default", "beat"));
        assertEquals(2, signalEvents("SignalLost").size());
        given().header("Authorization", "Bearer alice-token").get("/targets").then().body("[0].signal.lost", equalTo(true));
    }
}

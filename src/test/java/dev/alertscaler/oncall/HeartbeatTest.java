package dev.alertscaler.oncall;

import static dev.alertscaler.alertmanager.Notifications.notification;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Signal loss: with a heartbeat timeout set, no heartbeat alert within it freezes all automatic scale-down. */
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
            "labels":{"alertname":"AlertscalerHeartbeat","alertscaler_role":"heartbeat"},"annotations":{},
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

    /**
     * While the heartbeat is lost no path scales down by itself: not an on-call resume, not a
     * notification after a hold expired. A count a person sets explicitly still applies, and its
     * Event says it overrides the freeze. Guards the {@code scaleDownFrozen} check in
     * {@code TargetScaler.decide}, asked by the webhook and on-call jobs too.
     */
    @Test
    void aLostHeartbeatFreezesScaleDownOnTheWebhookAndOncallPathsToo() {
        TargetFixtures targets = new TargetFixtures(api.client());
        Instant t0 = Instant.parse("2032-01-01T00:00:00Z"); // long after any heartbeat of the other story
        clock.set(t0);
        targets.deployment("default", "frozen", 6, Map.of());
        String path = "/targets/default/deployments/frozen";
        given().header("Authorization", "Bearer alice-token").contentType("application/json")
                .body("{\"reason\":\"deploy\",\"direction\":\"down\"}").put(path + "/pause").then().statusCode(200);

        clock.set(t0.plusSeconds(400)); // past the window since alertscaler met it; nothing fires
        given().header("Authorization", "Bearer alice-token").delete(path + "/pause").then().statusCode(204);
        assertEquals(6, targets.replicas("default", "frozen"), "a resume during signal loss does not scale down");

        given().header("Authorization", "Bearer alice-token").contentType("application/json")
                .body("{\"replicas\":5,\"reason\":\"cost\",\"holdFor\":\"10m\"}").put(path + "/replicas")
                .then().statusCode(200);
        assertEquals(5, targets.replicas("default", "frozen"), "a person's explicit count still applies");
        List<Event> manual = targets.events("default", "frozen", "ManualScale");
        assertEquals(1, manual.size());
        assertTrue(manual.get(0).getMessage().contains("overrides the scale-down freeze (heartbeat lost"),
                manual.get(0).getMessage());

        clock.set(t0.plusSeconds(400 + 660)); // the hold expired; a notification arrives
        targets.markReady("default", "frozen");
        given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body(notification().resolved("default", "frozen", "fp-old", t0.minusSeconds(60), t0, "hold").json())
                .post("/alertmanager").then().statusCode(200).body("alerts[0].decision", equalTo("scale_down_frozen"));
        assertEquals(5, targets.replicas("default", "frozen"), "nor does a notification after the hold expired");
    }

    /**
     * A heartbeat record that cannot be read is no heartbeat, never a 500: the next heartbeat
     * overwrites it, a reconcile freezes scale-down as for a missing one, and one Warning Event says
     * so. Guards the DateTimeParseException branch of {@code ConfigMapHeartbeats.read}.
     */
    @Test
    void aCorruptHeartbeatRecordIsNoHeartbeatNeverAFailure() {
        var maps = api.client().configMaps().inNamespace("default");
        var events = api.client().v1().events().inNamespace("default");
        java.util.Set<String> earlier = new java.util.HashSet<>();
        events.list().getItems().forEach(e -> earlier.add(e.getMetadata().getName()));
        Instant t0 = Instant.parse("2034-01-01T00:00:00Z");
        clock.set(t0);
        try {
            if (maps.withName("alertscaler-heartbeat").get() != null) {
                maps.withName("alertscaler-heartbeat").delete();
            }
            maps.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
                    .withName("alertscaler-heartbeat").withNamespace("default").endMetadata()
                    .addToData("lastSeen", "yesterday-ish").addToData("signal", "ok").build()).create();
            ReconcileReport report = reconciler.reconcile().orElseThrow();
            assertNotNull(report.scaleDownFrozen, "no readable heartbeat: frozen, as for none");
            watchdog("applied");
            assertEquals(t0.toString(), maps.withName("alertscaler-heartbeat").get().getData().get("lastSeen"),
                    "overwritten by the next heartbeat");
            assertEquals(1, signalEvents("InvalidConfig").size());
        } finally {
            // the other stories expect no heartbeat known at their (earlier) instants, and count
            // the signal's Events: leave neither behind
            maps.withName("alertscaler-heartbeat").delete();
            events.list().getItems().stream().filter(e -> !earlier.contains(e.getMetadata().getName()))
                    .forEach(e -> events.withName(e.getMetadata().getName()).delete());
        }
    }
}

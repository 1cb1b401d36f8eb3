package dev.alertscaler.alertmanager;

import static dev.alertscaler.alertmanager.Notifications.notification;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.alertscaler.MutableClock;
import dev.alertscaler.TargetFixtures;
import dev.alertscaler.scaling.TargetRef;
import dev.alertscaler.scaling.Workload;
import dev.alertscaler.kubernetes.WorkloadCache;
import dev.alertscaler.scaling.TargetStore;
import dev.alertscaler.scaling.WorkloadKind;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import dev.alertscaler.policy.AlertRole;
import dev.alertscaler.policy.AlertSignal;
import dev.alertscaler.scaling.ScaleJob;
import dev.alertscaler.scaling.TargetOutcome;
import dev.alertscaler.scaling.TargetScaler;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The webhook's watch cache (on in production, off in the other tests so that they read what they
 * just wrote): a notification that changes nothing makes no API call, a stale cached target costs
 * a conflict and a fresh read but never a wrong write, and a target the cache does not hold is read
 * from the API.
 */
@QuarkusTest
@WithTestResource(MockApiResource.class)
@WithTestResource(WatchCacheTest.On.class)
class WatchCacheTest {

    /** Switches the watch cache on for this test's application. */
    public static class On implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("alertscaler.webhook.watch-cache", "true");
        }

        @Override
        public void stop() {
        }
    }

    private static final String NS = "default";

    @InjectMockApi
    MockApi api;

    @Inject
    WorkloadCache cache;

    @Inject
    TargetStore workloads;

    @Inject
    TargetScaler scaler;

    @Inject
    MutableClock clock;

    @Test
    void aNotificationThatChangesNothingMakesNoApiCall() throws Exception {
        TargetFixtures targets = new TargetFixtures(api.client());
        targets.deployment(NS, "cached", 1, Map.of("alertscaler.dev/scale-up-period", "1h"));
        TargetRef ref = new TargetRef(NS, WorkloadKind.DEPLOYMENT, "cached");
        awaitCached(ref, 1);
        Instant startsAt = clock.instant();
        notification().firing(NS, "cached", "c1", startsAt).deliver();
        assertEquals(3, targets.replicas(NS, "cached"));
        awaitCached(ref, 3);
        String rv = targets.resourceVersion(NS, "cached");

        api.takeServiceRequests();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            given().header("Authorization", "Bearer test-token").contentType("application/json")
                    .body(notification().firing(NS, "cached", "c1", startsAt).json()).post("/alertmanager")
                    .then().statusCode(200).body("alerts[0].outcome", equalTo("unchanged"));
        }
        assertEquals(List.of(), api.takeServiceRequests(), "API calls for five unchanged notifications");
        assertEquals(rv, targets.resourceVersion(NS, "cached"));
    }

    @Test
    void aStaleCachedTargetIsReadAgainAfterTheConflictAndStepsOnce() throws Exception {
        TargetFixtures targets = new TargetFixtures(api.client());
        targets.deployment(NS, "stale", 1, Map.of());
        TargetRef ref = new TargetRef(NS, WorkloadKind.DEPLOYMENT, "stale");
        Workload stale = workloads.get(ref).orElseThrow();
        // someone scales it to 2 after the cache saw 1
        api.client().apps().deployments().inNamespace(NS).withName("stale").edit(d -> {
            d.getSpec().setReplicas(2);
            return d;
        });
        targets.markReady(NS, "stale");
        api.takeServiceRequests();

        Instant now = clock.instant();
        TargetOutcome outcome = scaler.run(new ScaleJob.Notification(ref, stale,
                List.of(new AlertSignal("s1", AlertRole.SCALE_UP, true, now, null, OptionalDouble.empty())),
                java.util.Optional::empty, now, now.plusSeconds(10)));

        assertEquals(TargetOutcome.Status.APPLIED, outcome.status());
        assertEquals(2, outcome.from(), "decided again on the fresh read, from 2");
        assertEquals(4, targets.replicas(NS, "stale"), "one step of 2 from 2, not 1 -> 3");
        List<String> calls = api.takeServiceRequests().stream().filter(r -> r.contains("/stale")).toList();
        assertEquals(List.of("PUT", "GET", "PUT"), calls.stream().map(r -> r.substring(0, r.indexOf(' '))).toList(),
                "the stale write, the fresh read, the write: " + calls);
        assertEquals(1, targets.events(NS, "stale", "ScaledUp").size());
    }

    @Test
    void aTargetTheCacheDoesNotHoldIsReadFromTheApi() throws Exception {
        TargetFixtures targets = new TargetFixtures(api.client());
        targets.deployment(NS, "unlabelled", 1, Map.of("team", "x"), Map.of());
        TargetRef ref = new TargetRef(NS, WorkloadKind.DEPLOYMENT, "unlabelled");
        awaitCached(new TargetRef(NS, WorkloadKind.DEPLOYMENT, "app"), 1); // the cache has synced
        assertTrue(cache.find(ref).isEmpty());
        api.takeServiceRequests();
        given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body(notification().firing(NS, "unlabelled", "u1", clock.instant()).json()).post("/alertmanager")
                .then().statusCode(200).body("alerts[0].outcome", equalTo("ignored"));
        assertEquals(List.of("GET"), api.takeServiceRequests().stream().filter(r -> r.contains("/unlabelled"))
                .map(r -> r.substring(0, r.indexOf(' '))).toList());
    }

    /** Waits (at most 10 s: a watch event on loopback takes milliseconds) until the cache shows the count. */
    private void awaitCached(TargetRef ref, int replicas) throws InterruptedException {
        BooleanSupplier seen = () -> cache.find(ref).map(w -> w.replicas().current() == replicas).orElse(false);
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!seen.getAsBoolean()) {
            assertTrue(System.nanoTime() < giveUp, "the watch cache never showed " + ref + " at " + replicas);
            Thread.sleep(20);
        }
    }
}

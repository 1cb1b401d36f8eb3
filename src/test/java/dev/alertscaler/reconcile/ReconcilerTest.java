package dev.alertscaler.reconcile;

import static dev.alertscaler.alertmanager.Notifications.notification;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertscaler.MutableClock;
import dev.alertscaler.TargetFixtures;
import dev.alertscaler.alertmanager.AlertmanagerApi;
import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.kubernetes.EventRecorder;
import dev.alertscaler.kubernetes.WorkloadClient;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import dev.alertscaler.scaling.ChangeReporter;
import dev.alertscaler.scaling.ScalingMetrics;
import dev.alertscaler.scaling.TargetScaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The reconciler as stories stepped through time with a mutable clock (no sleeps), against the
 * mock Kubernetes API in CRUD mode. Alerts arrive through the webhook, as in production.
 */
@QuarkusTest
@WithTestResource(MockApiResource.class)
class ReconcilerTest {

    static final String NS = "default";
    static final Duration TICK = Duration.ofSeconds(15);
    static final java.util.concurrent.atomic.AtomicInteger STORIES = new java.util.concurrent.atomic.AtomicInteger();

    @InjectMockApi
    MockApi api;

    @Inject
    MutableClock clock;

    @Inject
    Reconciler reconciler;

    @Inject
    WorkloadClient workloads;

    @Inject
    EventRecorder events;

    @Inject
    ScalingMetrics metrics;

    @Inject
    AlertmanagerApi alertmanager;

    @Inject
    HeartbeatMonitor heartbeat;

    @Inject
    AlertscalerConfig config;

    @Inject
    MeterRegistry registry;

    TargetFixtures targets;
    Instant t0;

    @BeforeEach
    void setUp() {
        targets = new TargetFixtures(api.client());
        // each test starts a week after the last, so that no target of another test is mid-story
        t0 = Instant.parse("2026-12-01T00:00:00Z").plus(Duration.ofDays(7L * STORIES.incrementAndGet()));
        clock.set(t0);
    }

    private void fire(String name, String fingerprint, Instant startsAt, String role) {
        notification().firing(NS, name, fingerprint, startsAt, role).deliver();
    }

    private void resolve(String name, String fingerprint, Instant startsAt, String role) {
        notification().resolved(NS, name, fingerprint, startsAt, clock.instant(), role).deliver();
    }

    /** One reconcile at the clock's time, after the stand-in kubelet has made every pod ready. */
    private ReconcileReport tick(String name) {
        targets.markReady(NS, name);
        return reconciler.reconcile().orElseThrow();
    }

    /** Ticks every 15 s until {@code until} (exclusive), asserting the replicas after each tick. */
    private void ticksUntil(String name, Instant until, java.util.function.Function<Instant, Integer> want) {
        for (; clock.instant().isBefore(until); clock.advance(TICK)) {
            tick(name);
            assertEquals(want.apply(clock.instant()), targets.replicas(NS, name),
                    "replicas at T0+" + Duration.between(t0, clock.instant()).toSeconds() + "s");
        }
    }

    @Test
    void theSeedStory() {
        targets.deployment(NS, "seed", 1, Map.of());
        fire("seed", "fp-seed", t0, null);
        assertEquals(3, targets.replicas(NS, "seed"), "the first step at once");
        // while it fires: a step per 30 s (3 -> 5 -> 8 -> 10), the reconciler continuing it
        ticksUntil("seed", t0.plusSeconds(120), now -> {
            long s = Duration.between(t0, now).toSeconds();
            return s < 30 ? 3 : s < 60 ? 5 : s < 90 ? 8 : 10;
        });
        resolve("seed", "fp-seed", t0, null); // at T0+120
        Instant resolvedAt = clock.instant();
        // nothing for the 300 s window, then one step per 60 s: 10 -> 7 -> 5 -> 3 -> 2 -> 1
        ticksUntil("seed", resolvedAt.plusSeconds(720), now -> {
            long s = Duration.between(resolvedAt, now).toSeconds();
            return s < 300 ? 10 : s < 360 ? 7 : s < 420 ? 5 : s < 480 ? 3 : s < 540 ? 2 : 1;
        });
        var down = targets.events(NS, "seed", "ScaledDown");
        assertEquals(5, down.size());
        assertTrue(down.get(0).getMessage().startsWith("scaled 10 → 7 (scale_down_limited_by_rate): window PT5M passed"),
                down.get(0).getMessage());
    }

    @Test
    void anAlertFiringAgainInsideTheWindowRestartsIt() {
        targets.deployment(NS, "refire", 1, Map.of("alertscaler.dev/max-replicas", "3"));
        fire("refire", "fp-refire", t0, null);
        clock.advance(Duration.ofSeconds(60));
        resolve("refire", "fp-refire", t0, null);
        Instant second = t0.plusSeconds(260);
        ticksUntil("refire", second, now -> 3);
        fire("refire", "fp-refire", second, null); // a new episode: new startsAt
        clock.advance(Duration.ofSeconds(30));
        resolve("refire", "fp-refire", second, null);
        Instant end = clock.instant();
        ticksUntil("refire", end.plusSeconds(315), now -> now.isBefore(end.plusSeconds(300)) ? 3 : 2);
    }

    @Test
    void aHoldAlertBlocksScaleDownAndTheWindowCountsFromWhenItStops() {
        targets.deployment(NS, "hold", 6, Map.of());
        fire("hold", "fp-hold", t0, "hold");
        assertEquals(6, targets.replicas(NS, "hold"), "a hold alert never scales up");
        ticksUntil("hold", t0.plusSeconds(600), now -> 6);
        resolve("hold", "fp-hold", t0, "hold");
        Instant end = clock.instant();
        ticksUntil("hold", end.plusSeconds(315), now -> now.isBefore(end.plusSeconds(300)) ? 6 : 4);
    }

    @Test
    void aLostResolutionExpiresAfterTheTtl() {
        targets.deployment(NS, "lost", 1, Map.of("alertscaler.dev/max-replicas", "3"));
        fire("lost", "fp-lost", t0, null); // and never another word from Alertmanager
        Instant expires = t0.plus(config.alertTtl());
        clock.set(expires.minusSeconds(1));
        tick("lost");
        assertEquals(3, targets.replicas(NS, "lost"));
        clock.set(expires.plusSeconds(299));
        tick("lost");
        assertEquals(3, targets.replicas(NS, "lost"), "the window counts from lastSeen + alert-ttl");
        clock.set(expires.plusSeconds(300));
        tick("lost");
        assertEquals(2, targets.replicas(NS, "lost"));
    }

    @Test
    void aNewInstanceWithEmptyMemoryContinuesTheStoryAndTwoAtOnceApplyEachChangeOnce() throws Exception {
        targets.deployment(NS, "durable", 1, Map.of("alertscaler.dev/max-replicas", "8"));
        fire("durable", "fp-durable", t0, null);
        ticksUntil("durable", t0.plusSeconds(90), now -> Duration.between(t0, now).toSeconds() < 30 ? 3
                : Duration.between(t0, now).toSeconds() < 60 ? 5 : 8);
        resolve("durable", "fp-durable", t0, null);
        Instant end = clock.instant();
        clock.set(end.plusSeconds(300));
        // two fresh instances, nothing shared but the cluster, reconcile at the same moment
        Reconciler a = freshInstance();
        Reconciler b = freshInstance();
        targets.markReady(NS, "durable");
        CompletableFuture<?> ra = CompletableFuture.runAsync(() -> a.reconcile());
        CompletableFuture<?> rb = CompletableFuture.runAsync(() -> b.reconcile());
        CompletableFuture.allOf(ra, rb).get();
        assertEquals(6, targets.replicas(NS, "durable"), "8 -> 6 once, not 8 -> 6 -> 4");
        assertEquals(1, targets.events(NS, "durable", "ScaledDown").size());
        List<Integer> seen = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            clock.set(end.plusSeconds(300 + 60L * i));
            freshInstance().reconcile();
            seen.add(targets.replicas(NS, "durable"));
        }
        assertEquals(List.of(4, 3, 2, 1), seen);
    }

    private Reconciler freshInstance() {
        TargetScaler scaler = new TargetScaler(workloads, new ChangeReporter(events, metrics), metrics, (Clock) clock, config);
        return new Reconciler(workloads, scaler, alertmanager, heartbeat, clock, config, registry);
    }

    @Test
    void replicasOutsideTheBoundsAreBroughtInsideAndAManualScaleInsideIsKept() {
        targets.deployment(NS, "bounded", 12, Map.of("alertscaler.dev/max-replicas", "10"));
        tick("bounded");
        assertEquals(10, targets.replicas(NS, "bounded"));
        assertEquals(1, targets.events(NS, "bounded", "Bounded").size());
        fire("bounded", "fp-bounded", t0, "hold"); // keeps scale-down away
        api.client().apps().deployments().inNamespace(NS).withName("bounded").scale(7);
        clock.advance(Duration.ofSeconds(400));
        tick("bounded");
        assertEquals(7, targets.replicas(NS, "bounded"), "like the HPA, a manual scale inside the bounds is the new count");
    }

    @Test
    void aWorkloadAnHpaAlsoTargetsIsLeftAloneWithOneConflictEvent() {
        targets.deployment(NS, "contested", 2, Map.of());
        api.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).resource(
                new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("contested-hpa").withNamespace(NS).endMetadata()
                        .withNewSpec().withMinReplicas(1).withMaxReplicas(5)
                        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("contested").endScaleTargetRef()
                        .endSpec().build()).create();
        tick("contested");
        String written = targets.resourceVersion(NS, "contested");
        tick("contested");
        assertEquals(written, targets.resourceVersion(NS, "contested"), "the problem is recorded once");
        var conflicts = targets.events(NS, "contested", "Conflict");
        assertEquals(1, conflicts.size());
        assertEquals("Warning", conflicts.get(0).getType());
        assertTrue(conflicts.get(0).getMessage().contains("HorizontalPodAutoscaler default/contested-hpa"));

        given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body(notification().firing(NS, "contested", "fp-c", t0).json())
                .post("/alertmanager").then().statusCode(200).body("alerts[0].outcome", equalTo("ignored"));
        assertEquals(2, targets.replicas(NS, "contested"));

        api.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("contested-hpa").delete();
        tick("contested");
        fire("contested", "fp-c2", t0, null);
        assertEquals(4, targets.replicas(NS, "contested"), "scaled again once the HPA is gone");
    }

    @Test
    void aTickCostsTheSameNumberOfApiCallsFor1Or200UnchangedTargets() {
        targets.deployment(NS, "cost-0", 1, Map.of());
        int oneTarget = steadyTickCalls();
        for (int i = 1; i <= 200; i++) {
            targets.deployment(NS, "cost-" + i, 1, Map.of());
        }
        int manyTargets = steadyTickCalls();
        assertEquals(oneTarget, manyTargets);
        assertEquals(3, manyTargets, "one LIST of Deployments, of StatefulSets and of HPAs");
    }

    /** Reconciles until nothing changes at this instant, then counts the API calls of one more tick. */
    private int steadyTickCalls() {
        for (int i = 0; i < 5 && !reconciler.reconcile().orElseThrow().changes.isEmpty(); i++) {
            // settle: first sight of a target writes its state once
        }
        reconciler.reconcile();
        int before = api.server().getRequestCount();
        ReconcileReport report = reconciler.reconcile().orElseThrow();
        assertEquals(0, report.failures);
        return api.server().getRequestCount() - before;
    }

    @Test
    void postReconcileRunsTheSameReconcile() {
        targets.deployment(NS, "pinged", 12, Map.of("alertscaler.dev/max-replicas", "10"));
        given().post("/reconcile").then().statusCode(200).body("failures", equalTo(0));
        assertEquals(10, targets.replicas(NS, "pinged"));
    }
}

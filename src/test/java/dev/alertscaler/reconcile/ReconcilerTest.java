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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

import dev.alertscaler.MutableClock;
import dev.alertscaler.Stories;
import dev.alertscaler.TargetFixtures;
import dev.alertscaler.alertmanager.AlertmanagerApi;
import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.scaling.EventSink;
import dev.alertscaler.scaling.Namespaces;
import dev.alertscaler.scaling.TargetStore;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import dev.alertscaler.scaling.ChangeReporter;
import dev.alertscaler.scaling.HeartbeatMonitor;
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
@TestMethodOrder(MethodOrderer.MethodName.class) // so that each story's week (Stories) comes after the last one's
class ReconcilerTest {

    static final String NS = "default";
    static final Duration TICK = Duration.ofSeconds(15);

    @InjectMockApi
    MockApi api;

    @Inject
    MutableClock clock;

    @Inject
    Reconciler reconciler;

    @Inject
    TargetStore workloads;

    @Inject
    EventSink events;

    @Inject
    Namespaces namespaces;

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
    void setUp(TestInfo info) {
        targets = new TargetFixtures(api.client());
        // each test starts a week after the last, so that no target of another test is mid-story
        t0 = Stories.weekOf(info, Instant.parse("2026-12-01T00:00:00Z"));
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
        TargetScaler scaler = new TargetScaler(workloads, new ChangeReporter(events, metrics, config), (Clock) clock, config);
        return new Reconciler(workloads, scaler, alertmanager, heartbeat, namespaces, clock, registry);
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

    private void hpa(String name, String target, boolean madeByKeda) {
        var meta = new HorizontalPodAutoscalerBuilder().withNewMetadata().withName(name).withNamespace(NS);
        if (madeByKeda) {
            meta = meta.addNewOwnerReference().withApiVersion("keda.sh/v1alpha1").withKind("ScaledObject").withName(target)
                    .withUid("uid-" + target).withController(true).endOwnerReference();
        }
        api.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).resource(meta.endMetadata()
                .withNewSpec().withMinReplicas(1).withMaxReplicas(5)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(target).endScaleTargetRef()
                .endSpec().build()).create();
    }

    /** The next {@code times} LISTs of HPAs answer 403, as for a Role copied without that verb. */
    private void hpaListForbidden(int times) {
        api.server().expect().get().withPath("/apis/autoscaling/v2/horizontalpodautoscalers")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}").times(times);
    }

    private double metric(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /**
     * An HPA LIST that fails is no answer: the Conflict found earlier stands and the target stays
     * alone. Guards the {@code NOT_MADE, FAILED} branch of {@code TargetScaler.competitor} (before,
     * a failed LIST counted as "no HPA" and cleared the Conflict).
     */
    @Test
    void aFailedHpaCheckKeepsTheLastKnownConflict() {
        targets.deployment(NS, "still-contested", 2, Map.of());
        hpa("still-contested-hpa", "still-contested", false);
        tick("still-contested");
        assertEquals(1, targets.events(NS, "still-contested", "Conflict").size());
        double failuresBefore = metric("alertscaler.conflict.check.failures");
        hpaListForbidden(1);
        ReconcileReport report = tick("still-contested");
        assertTrue(report.competitorCheckFailed.contains("403"), report.competitorCheckFailed);
        assertEquals(failuresBefore + 1, metric("alertscaler.conflict.check.failures"));
        given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body(notification().firing(NS, "still-contested", "fp-sc", t0).json())
                .post("/alertmanager").then().statusCode(200).body("alerts[0].outcome", equalTo("ignored"));
        assertEquals(2, targets.replicas(NS, "still-contested"), "the HPA may still be there: left alone");
    }

    /**
     * A target never checked successfully is scaled as before, but loudly: one ConflictCheckFailed
     * Warning Event, the failure in /targets, until a check succeeds. Guards {@code withCheck}'s
     * FAILED branch and {@code ChangeReporter.competitorCheckFailed}.
     */
    @Test
    void aTargetNeverCheckedIsScaledButLoudly() {
        targets.deployment(NS, "unchecked", 1, Map.of());
        hpaListForbidden(2);
        tick("unchecked");
        fire("unchecked", "fp-unchecked", t0, "scale-up");
        assertEquals(3, targets.replicas(NS, "unchecked"), "scaled as before");
        clock.advance(TICK);
        tick("unchecked");
        var warnings = targets.events(NS, "unchecked", "ConflictCheckFailed");
        assertEquals(1, warnings.size(), "once, not every tick");
        assertEquals("Warning", warnings.get(0).getType());
        assertTrue(warnings.get(0).getMessage().contains("403"), warnings.get(0).getMessage());
        given().header("Authorization", "Bearer alice-token").get("/targets/default/deployments/unchecked").then()
                .body("competitorCheck.checked", equalTo(false))
                .body("competitorCheck.failure", org.hamcrest.Matchers.containsString("403"));
        clock.advance(TICK);
        tick("unchecked"); // the LIST works again
        given().header("Authorization", "Bearer alice-token").get("/targets/default/deployments/unchecked").then()
                .body("competitorCheck.checked", equalTo(true))
                .body("competitorCheck.failure", org.hamcrest.Matchers.nullValue());
    }

    /**
     * Dry-run beside KEDA: the KEDA-made HPA is reported (one Conflict Event, the condition in
     * /targets) and the decisions are still made and recorded as WouldScale. Guards the
     * {@code conflict.isPresent() && !dryRun} condition in {@code TargetScaler.attempt}.
     */
    @Test
    void inDryRunBesideKedaTheConflictIsReportedAndTheDecisionsStillMade() {
        targets.deployment(NS, "beside-keda", 1, Map.of("alertscaler.dev/dry-run", "true"));
        hpa("keda-hpa-beside-keda", "beside-keda", true);
        tick("beside-keda");
        fire("beside-keda", "fp-bk", t0, "scale-up");
        clock.advance(Duration.ofSeconds(30));
        tick("beside-keda");
        var conflicts = targets.events(NS, "beside-keda", "Conflict");
        assertEquals(1, conflicts.size());
        assertTrue(conflicts.get(0).getMessage().contains("keda-hpa-beside-keda")
                && conflicts.get(0).getMessage().contains("made by KEDA ScaledObject default/beside-keda")
                && conflicts.get(0).getMessage().contains("dry-run"), conflicts.get(0).getMessage());
        var would = targets.events(NS, "beside-keda", "WouldScale");
        assertEquals(2, would.size(), "1 -> 3 -> 5, as if applied");
        assertEquals(1, targets.replicas(NS, "beside-keda"), "dry-run changes nothing");
        given().header("Authorization", "Bearer alice-token").get("/targets/default/deployments/beside-keda").then()
                .body("problem", org.hamcrest.Matchers.startsWith("Conflict:"))
                .body("shadowReplicas", equalTo(5))
                .body("desiredReplicas", equalTo(5));
    }

    /**
     * Leaving dry-run starts from the real count and the real history: the shadow's steps (1 → 3 →
     * 5, while KEDA had the real count at 5) are not taken as the real period's, which would let the
     * first real scale-down remove 3 of 5. Guards the separate {@code shadow} history in the state.
     */
    @Test
    void leavingDryRunStartsFromTheRealHistory() {
        targets.deployment(NS, "leaving", 1, Map.of("alertscaler.dev/dry-run", "true",
                "alertscaler.dev/stabilization-window", "30s", "alertscaler.dev/scale-down-period", "60s"));
        fire("leaving", "fp-leaving", t0, "scale-up"); // shadow 1 -> 3
        clock.set(t0.plusSeconds(30));
        tick("leaving"); // shadow 3 -> 5
        api.client().apps().deployments().inNamespace(NS).withName("leaving").scale(5); // KEDA's real count
        clock.set(t0.plusSeconds(45));
        resolve("leaving", "fp-leaving", t0, "scale-up");
        clock.set(t0.plusSeconds(80)); // window (30 s) passed since the alert ended and the shadow's last step
        api.client().apps().deployments().inNamespace(NS).withName("leaving").edit(d -> {
            d.getMetadata().getAnnotations().remove("alertscaler.dev/dry-run");
            return d;
        });
        tick("leaving");
        assertEquals(3, targets.replicas(NS, "leaving"), "25 % of the real 5 (floor 3), not of the shadow's 3");
        var down = targets.events(NS, "leaving", "ScaledDown");
        assertEquals(1, down.size());
        assertTrue(down.get(0).getMessage().contains("at most 25 % of 5 per PT1M allows 3"), down.get(0).getMessage());
    }

    /**
     * A state of a version this build does not know is left alone: never overwritten, by a tick or
     * a notification, with one UnknownState Warning Event. Guards the {@code unknownVersion} check
     * at the top of {@code TargetScaler.attempt}.
     */
    @Test
    void aStateOfAnUnknownVersionIsLeftAlone() {
        String future = "{\"version\":2,\"replicaPlan\":{\"target\":9}}";
        targets.deployment(NS, "from-the-future", 12, Map.of("alertscaler.dev/state", future));
        tick("from-the-future");
        given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body(notification().firing(NS, "from-the-future", "fp-ftf", t0).json())
                .post("/alertmanager").then().statusCode(200).body("alerts[0].outcome", equalTo("ignored"))
                .body("alerts[0].reason", org.hamcrest.Matchers.containsString("version 2"));
        clock.advance(TICK);
        tick("from-the-future");
        assertEquals(future, targets.get(NS, "from-the-future").getMetadata().getAnnotations().get("alertscaler.dev/state"));
        assertEquals(12, targets.replicas(NS, "from-the-future"), "not even brought to max-replicas");
        var unknown = targets.events(NS, "from-the-future", "UnknownState");
        assertEquals(1, unknown.size());
        assertEquals("Warning", unknown.get(0).getType());
        given().header("Authorization", "Bearer alice-token").get("/targets/default/deployments/from-the-future").then()
                .body("problem", org.hamcrest.Matchers.startsWith("UnknownState"));
    }
}

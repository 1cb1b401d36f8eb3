package dev.alertscaler.reconcile;

import static dev.alertscaler.alertmanager.Notifications.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertscaler.MutableClock;
import dev.alertscaler.TargetFixtures;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import dev.alertscaler.reconcile.FakeAlertmanager.InjectFakeAlertmanager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With {@code alertscaler.alertmanager.url} set, the reconciler takes Alertmanager's API as the truth
 * about active alerts: a lost firing notification is made up for, a lost resolution too, and an
 * unreachable Alertmanager freezes scale-down.
 */
@QuarkusTest
@WithTestResource(MockApiResource.class)
@WithTestResource(FakeAlertmanager.class)
class AlertmanagerApiReconcileTest {

    @InjectMockApi
    MockApi api;

    @Inject
    MutableClock clock;

    @InjectFakeAlertmanager
    FakeAlertmanager alertmanager;

    @Inject
    Reconciler reconciler;

    TargetFixtures targets;

    @BeforeEach
    void setUp() {
        targets = new TargetFixtures(api.client());
        alertmanager.duringRequest = () -> { };
    }

    @AfterEach
    void tearDown() {
        alertmanager.duringRequest = () -> { };
        alertmanager.alerts = "[]";
    }

    @Test
    void alertmanagersActiveAlertsDriveTheReconcile() {
        Instant t0 = Instant.parse("2027-03-01T00:00:00Z");
        clock.set(t0);
        targets.deployment("default", "am", 1, Map.of());

        // a firing alert whose notification never arrived: the API lists it, the reconciler steps
        alertmanager.alerts = "[" + FakeAlertmanager.active("default", "am", "fp-am", t0.toString()) + "]";
        reconciler.reconcile().orElseThrow();
        assertEquals(3, targets.replicas("default", "am"));
        assertEquals("active=true&silenced=true&inhibited=true&unprocessed=true&receiver=alertscaler",
                alertmanager.lastQuery);

        // its resolution is lost too: the API no longer lists it, so it ended at that tick
        clock.set(t0.plusSeconds(60));
        alertmanager.alerts = "[]";
        targets.markReady("default", "am");
        reconciler.reconcile().orElseThrow();
        assertEquals(3, targets.replicas("default", "am"));

        // the window has passed, but Alertmanager is down: keep everything, scale nothing down
        clock.set(t0.plusSeconds(360));
        alertmanager.alerts = null;
        ReconcileReport frozen = reconciler.reconcile().orElseThrow();
        assertNotNull(frozen.scaleDownFrozen);
        assertTrue(frozen.scaleDownFrozen.contains("503"), frozen.scaleDownFrozen);
        assertEquals(3, targets.replicas("default", "am"));

        // back: the scale-down that was due happens
        alertmanager.alerts = "[]";
        ReconcileReport back = reconciler.reconcile().orElseThrow();
        assertNull(back.scaleDownFrozen);
        assertEquals(2, targets.replicas("default", "am"));
    }

    /**
     * The reconciler asks Alertmanager, a notification records a fresh scale-up alert while the
     * question is out, then the answer (which predates the alert) is applied: the alert keeps
     * firing. Guards {@code alert.lastSeen().isBefore(snapshot.askedAt())} in {@code AlertLedger.reconcile}
     * and the {@code askedAt} the reconciler takes before asking.
     */
    @Test
    void anAlertANotificationRecordsWhileTheReconcilerAsksIsNotEndedByTheAnswer() {
        Instant t0 = Instant.parse("2027-04-01T00:00:00Z");
        clock.set(t0);
        targets.deployment("default", "race", 1, Map.of());
        alertmanager.alerts = "[]";
        Instant startsAt = t0.plusSeconds(1);
        alertmanager.duringRequest = () -> {
            alertmanager.duringRequest = () -> { };
            clock.set(startsAt);
            notification().firing("default", "race", "fp-race", startsAt, "scale-up").deliver();
        };
        reconciler.reconcile().orElseThrow();
        assertEquals(3, targets.replicas("default", "race"), "the notification's step");

        // Alertmanager lists it from now on; one period later the reconciler steps again
        alertmanager.alerts = "[" + FakeAlertmanager.active("default", "race", "fp-race", startsAt.toString()) + "]";
        clock.set(startsAt.plusSeconds(30));
        targets.markReady("default", "race");
        reconciler.reconcile().orElseThrow();
        assertEquals(5, targets.replicas("default", "race"), "still firing: not ended by the earlier answer");
    }

    /** A silence mutes notifications, not the queue: a silenced scale-up alert keeps stepping, and nothing scales down. */
    @Test
    void aSilencedAlertStillCountsAsFiring() {
        Instant t0 = Instant.parse("2027-05-01T00:00:00Z");
        clock.set(t0);
        targets.deployment("default", "silenced", 1, Map.of());
        alertmanager.alerts = "[" + FakeAlertmanager.alert("default", "silenced", "fp-s", t0.toString(),
                "\"alertscaler_role\":\"scale-up\",", "alertscaler", "silence-42") + "]";
        reconciler.reconcile().orElseThrow();
        assertEquals(3, targets.replicas("default", "silenced"));
        for (int i = 1; i <= 24; i++) { // ten minutes, longer than the stabilization window
            clock.set(t0.plusSeconds(30L * i));
            targets.markReady("default", "silenced");
            reconciler.reconcile().orElseThrow();
        }
        assertEquals(10, targets.replicas("default", "silenced"), "stepped to max while silenced, never down");
        assertEquals(0, targets.events("default", "silenced", "ScaledDown").size());
    }

    /**
     * kube-state-metrics' alerts carry namespace and deployment labels but no role, and alerts routed
     * to another team's receiver are theirs: neither acts. Guards the required role
     * ({@code AlertRole.fromLabel} without a default) and the {@code receiver} filter of the query.
     */
    @Test
    void onlyAlertsWithARoleRoutedToAlertscalerAct() {
        Instant t0 = Instant.parse("2027-06-01T00:00:00Z");
        clock.set(t0);
        targets.deployment("default", "stuck-rollout", 1, Map.of());
        targets.deployment("default", "other-team", 1, Map.of());
        alertmanager.alerts = "[" + FakeAlertmanager.alert("default", "stuck-rollout", "fp-ksm", t0.toString(), "",
                "alertscaler", "") + ","
                + FakeAlertmanager.alert("default", "other-team", "fp-team", t0.toString(),
                        "\"alertscaler_role\":\"scale-up\",", "team-pager", "") + "]";
        for (int i = 0; i < 4; i++) {
            clock.set(t0.plusSeconds(30L * i));
            reconciler.reconcile().orElseThrow();
        }
        assertEquals(1, targets.replicas("default", "stuck-rollout"), "no role: not a scaling signal");
        assertEquals(1, targets.replicas("default", "other-team"), "routed to another receiver");
    }
}

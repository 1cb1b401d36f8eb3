package dev.alertscaler.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.alertscaler.MutableClock;
import dev.alertscaler.TargetFixtures;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
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

    @Inject
    Reconciler reconciler;

    @Test
    void alertmanagersActiveAlertsDriveTheReconcile() {
        TargetFixtures targets = new TargetFixtures(api.client());
        Instant t0 = Instant.parse("2027-03-01T00:00:00Z");
        clock.set(t0);
        targets.deployment("default", "am", 1, Map.of());

        // a firing alert whose notification never arrived: the API lists it, the reconciler steps
        FakeAlertmanager.alerts = "[" + FakeAlertmanager.active("default", "am", "fp-am", t0.toString()) + "]";
        reconciler.reconcile().orElseThrow();
        assertEquals(3, targets.replicas("default", "am"));
        assertEquals("active=true&silenced=false&inhibited=false", FakeAlertmanager.lastQuery);

        // its resolution is lost too: the API no longer lists it, so it ended at that tick
        clock.set(t0.plusSeconds(60));
        FakeAlertmanager.alerts = "[]";
        targets.markReady("default", "am");
        reconciler.reconcile().orElseThrow();
        assertEquals(3, targets.replicas("default", "am"));

        // the window has passed, but Alertmanager is down: keep everything, scale nothing down
        clock.set(t0.plusSeconds(360));
        FakeAlertmanager.alerts = null;
        ReconcileReport frozen = reconciler.reconcile().orElseThrow();
        assertNotNull(frozen.scaleDownFrozen);
        assertTrue(frozen.scaleDownFrozen.contains("503"), frozen.scaleDownFrozen);
        assertEquals(3, targets.replicas("default", "am"));

        // back: the scale-down that was due happens
        FakeAlertmanager.alerts = "[]";
        ReconcileReport back = reconciler.reconcile().orElseThrow();
        assertNull(back.scaleDownFrozen);
        assertEquals(2, targets.replicas("default", "am"));
    }
}

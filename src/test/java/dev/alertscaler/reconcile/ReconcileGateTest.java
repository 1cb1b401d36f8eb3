package dev.alertscaler.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.alertscaler.MutableClock;

/** {@code POST /reconcile} coalesced: no more than one reconcile per minimum gap, by the injected clock. */
class ReconcileGateTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    final ReconcileGate gate = new ReconcileGate(clock, Duration.ofSeconds(5));
    final AtomicInteger runs = new AtomicInteger();
    final Supplier<Optional<ReconcileReport>> reconcile = () -> {
        runs.incrementAndGet();
        ReconcileReport report = new ReconcileReport();
        report.ranAt = clock.instant().toString();
        return Optional.of(report);
    };

    @Test
    void callsWithinTheGapGetTheLastReportAndRunNothing() {
        ReconcileReport first = gate.run(reconcile).orElseThrow();
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMillis(40));
            assertSame(first, gate.run(reconcile).orElseThrow());
        }
        assertEquals(1, runs.get());
        clock.set(Instant.parse("2026-12-02T10:00:05Z"));
        ReconcileReport next = gate.run(reconcile).orElseThrow();
        assertEquals(2, runs.get());
        assertEquals("2026-12-02T10:00:05Z", next.ranAt);
    }

    @Test
    void aReconcileAlreadyRunningIsNotRememberedAsOne() {
        assertTrue(gate.run(Optional::empty).isEmpty());
        gate.run(reconcile);
        assertEquals(1, runs.get(), "the call right after a busy answer runs");
    }

    @Test
    void aZeroGapRunsEveryCall() {
        ReconcileGate open = new ReconcileGate(clock, Duration.ZERO);
        open.run(reconcile);
        open.run(reconcile);
        assertEquals(2, runs.get());
    }
}

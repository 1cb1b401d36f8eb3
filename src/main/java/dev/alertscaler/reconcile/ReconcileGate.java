package dev.alertscaler.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Coalesces on-demand reconciles: a call sooner than the minimum gap after the last one this gate
 * started gets that one's report, so that a flood of unauthenticated {@code POST /reconcile} costs
 * the API no more than one reconcile per gap. Timed by the injected clock.
 */
final class ReconcileGate {

    private final Clock clock;
    private final Duration minGap;
    private Instant lastStarted;
    private ReconcileReport lastReport;

    ReconcileGate(Clock clock, Duration minGap) {
        this.clock = clock;
        this.minGap = minGap;
    }

    /** The report of a reconcile run now, or of the last one if it started within the gap; empty when one is running. */
    synchronized Optional<ReconcileReport> run(Supplier<Optional<ReconcileReport>> reconcile) {
        Instant now = clock.instant();
        if (lastReport != null && now.isBefore(lastStarted.plus(minGap))) {
            return Optional.of(lastReport);
        }
        Optional<ReconcileReport> report = reconcile.get();
        report.ifPresent(r -> {
            lastStarted = now;
            lastReport = r;
        });
        return report;
    }
}

package dev.alertscaler.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertscaler.alertmanager.AlertMapper;
import dev.alertscaler.alertmanager.AlertmanagerApi;
import dev.alertscaler.alertmanager.WebhookPayload;
import dev.alertscaler.scaling.TargetRef;
import dev.alertscaler.scaling.Workload;
import dev.alertscaler.policy.AlertSignal;
import dev.alertscaler.policy.AlertSnapshot;
import dev.alertscaler.scaling.CompetitorCheck;
import dev.alertscaler.scaling.HeartbeatMonitor;
import dev.alertscaler.scaling.Namespaces;
import dev.alertscaler.scaling.TargetStore;
import dev.alertscaler.scaling.TargetOutcome;
import dev.alertscaler.scaling.ScaleJob;
import dev.alertscaler.scaling.TargetScaler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;

/**
 * Reconciles every opted-in target: continues scale-up steps while alerts fire, owns scale-down,
 * and brings replicas into [min, max]. One LIST per kind (and one of HPAs) per tick finds the
 * targets; a target that needs no change costs no further call. A failing target is counted and
 * skipped: it never stops the others.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final TargetStore targets;
    private final TargetScaler scaler;
    private final AlertmanagerApi alertmanager;
    private final HeartbeatMonitor heartbeat;
    private final AlertMapper mapper;
    private final Clock clock;
    private final Namespaces namespaces;
    private final Timer duration;
    private final Counter failures;
    private final Counter competitorCheckFailures;
    private final ReentrantLock running = new ReentrantLock();

    public Reconciler(TargetStore targets, TargetScaler scaler, AlertmanagerApi alertmanager, HeartbeatMonitor heartbeat,
            Namespaces namespaces, Clock clock, MeterRegistry registry) {
        this.heartbeat = heartbeat;
        this.targets = targets;
        this.scaler = scaler;
        this.alertmanager = alertmanager;
        this.clock = clock;
        this.mapper = new AlertMapper(namespaces);
        this.namespaces = namespaces;
        this.duration = Timer.builder("alertscaler.reconcile.duration")
                .description("Time taken by one reconcile of all targets").register(registry);
        // registered at 0, so that an alert on its increase has a series from the start
        this.failures = Counter.builder("alertscaler.reconcile.failures")
                .description("Targets (or LISTs) a reconcile could not handle").register(registry);
        this.competitorCheckFailures = Counter.builder("alertscaler.conflict.check.failures")
                .description("Reconciles whose check for other autoscalers (a LIST of HPAs) failed: "
                        + "the last known answer stands, a target never checked is scaled as if there were none")
                .register(registry);
    }

    @Scheduled(identity = "reconcile", every = "${alertscaler.reconcile.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        reconcile();
    }

    /** Reconciles all targets now; empty when a reconcile is already running in this process. */
    public Optional<ReconcileReport> reconcile() {
        if (!running.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.of(duration.record(this::reconcileAll));
        } finally {
            running.unlock();
        }
    }

    private ReconcileReport reconcileAll() {
        Instant now = clock.instant();
        ReconcileReport report = new ReconcileReport();
        report.ranAt = now.toString();
        Optional<String> frozen = Optional.empty();
        try {
            HeartbeatMonitor.SignalStatus signal = heartbeat.check(now);
            if (signal.lost()) {
                frozen = Optional.of(HeartbeatMonitor.lostMessage(signal.lastSeen()));
            }
        } catch (RuntimeException e) {
            frozen = Optional.of(HeartbeatMonitor.unreadableMessage(e));
        }
        Optional<Map<TargetRef, List<AlertSignal>>> active = Optional.empty();
        Instant askedAt = clock.instant();
        if (alertmanager.configured()) {
            try {
                active = Optional.of(byTarget(alertmanager.activeAlerts()));
            } catch (AlertmanagerApi.Unavailable e) {
                // without Alertmanager's word, "not seen lately" may mean "not delivered": keep the
                // recorded alerts, and take nothing away on their absence
                frozen = Optional.of(e.getMessage());
            }
        }
        frozen.ifPresent(reason -> LOG.warnf("scale-down frozen this tick: %s", reason));
        report.scaleDownFrozen = frozen.orElse(null);
        for (Optional<String> namespace : namespaces.scopes()) {
            CompetitorChecks competitors = competitors(namespace, report);
            for (Workload workload : list(report, namespace)) {
                TargetRef ref = workload.ref();
                Optional<AlertSnapshot> snapshot = active.map(byTarget -> new AlertSnapshot(askedAt,
                        byTarget.getOrDefault(ref, List.of())));
                reconcile(new ScaleJob.Tick(workload, snapshot, frozen, competitors.of(ref), now), report);
            }
        }
        return report;
    }

    private CompetitorChecks competitors(Optional<String> namespace, ReconcileReport report) {
        try {
            return new CompetitorChecks(targets.competitors(namespace), null);
        } catch (RuntimeException e) {
            report.failures++;
            failures.increment();
            competitorCheckFailures.increment();
            report.competitorCheckFailed = e.getMessage();
            LOG.warnf("reconcile could not check for other autoscalers: %s", e.getMessage());
            return new CompetitorChecks(Map.of(), String.valueOf(e.getMessage()));
        }
    }

    private void reconcile(ScaleJob job, ReconcileReport report) {
        TargetRef ref = job.ref();
        report.targets++;
        try {
            TargetOutcome outcome = scaler.run(job);
            switch (outcome.status()) {
                case FAILED, RETRY -> failed(report, ref, outcome.message());
                case APPLIED -> {
                    if (outcome.decision() != null && outcome.decision().replicas() != outcome.from()) {
                        report.changes.add(new ReconcileReport.Change(ref.toString(), outcome.from(),
                                outcome.decision().replicas(), outcome.decision().reason().label()));
                    }
                }
                default -> { }
            }
        } catch (RuntimeException e) {
            failed(report, ref, e.toString());
        }
    }

    private void failed(ReconcileReport report, TargetRef ref, String message) {
        report.failures++;
        failures.increment();
        LOG.warnf("reconcile failed target=%s: %s", ref, message);
    }

    private List<Workload> list(ReconcileReport report, Optional<String> namespace) {
        try {
            return targets.listOptedIn(namespace);
        } catch (RuntimeException e) {
            report.failures++;
            failures.increment();
            LOG.warnf("reconcile could not list targets: %s", e.getMessage());
            return List.of();
        }
    }

    private Map<TargetRef, List<AlertSignal>> byTarget(List<WebhookPayload.Alert> alerts) {
        Map<TargetRef, List<AlertSignal>> byTarget = new HashMap<>();
        for (WebhookPayload.Alert alert : alerts) {
            if (mapper.map(alert) instanceof AlertMapper.Targeted t) {
                byTarget.computeIfAbsent(t.target(), k -> new ArrayList<>()).add(t.signal());
            }
        }
        return byTarget;
    }
}

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
import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.kubernetes.TargetRef;
import dev.alertscaler.kubernetes.Workload;
import dev.alertscaler.kubernetes.WorkloadClient;
import dev.alertscaler.kubernetes.WorkloadKind;
import dev.alertscaler.policy.AlertSignal;
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

    private final WorkloadClient workloads;
    private final TargetScaler scaler;
    private final AlertmanagerApi alertmanager;
    private final HeartbeatMonitor heartbeat;
    private final AlertMapper mapper;
    private final Clock clock;
    private final List<Optional<String>> namespaces;
    private final Timer duration;
    private final Counter failures;
    private final ReentrantLock running = new ReentrantLock();

    public Reconciler(WorkloadClient workloads, TargetScaler scaler, AlertmanagerApi alertmanager,
            HeartbeatMonitor heartbeat, Clock clock, AlertscalerConfig config, MeterRegistry registry) {
        this.heartbeat = heartbeat;
        this.workloads = workloads;
        this.scaler = scaler;
        this.alertmanager = alertmanager;
        this.clock = clock;
        this.mapper = new AlertMapper(config.namespaces());
        this.namespaces = config.namespaceScopes();
        this.duration = Timer.builder("alertscaler.reconcile.duration")
                .description("Time taken by one reconcile of all targets").register(registry);
        // registered at 0, so that an alert on its increase has a series from the start
        this.failures = Counter.builder("alertscaler.reconcile.failures")
                .description("Targets (or LISTs) a reconcile could not handle").register(registry);
    }

    @Scheduled(identity = "reconcile", every = "${alertscaler.reconcile.interval:15s}",
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
        Optional<Map<TargetRef, List<AlertSignal>>> active = Optional.empty();
        boolean frozen = false;
        try {
            HeartbeatMonitor.SignalStatus signal = heartbeat.check(now);
            if (signal.lost()) {
                frozen = true;
                report.scaleDownFrozen = "heartbeat lost: " + signal.lastSeen().map(t -> "last seen " + t).orElse("never seen");
            }
        } catch (RuntimeException e) {
            // the heartbeat cannot be read: as good as lost
            frozen = true;
            report.scaleDownFrozen = "heartbeat unreadable: " + e.getMessage();
            LOG.warnf("scale-down frozen this tick: %s", report.scaleDownFrozen);
        }
        if (alertmanager.configured()) {
            try {
                active = Optional.of(byTarget(alertmanager.activeAlerts()));
            } catch (AlertmanagerApi.Unavailable e) {
                // without Alertmanager's word, "not seen lately" may mean "not delivered": keep the
                // recorded alerts, and take nothing away on their absence
                frozen = true;
                report.scaleDownFrozen = e.getMessage();
                LOG.warnf("scale-down frozen this tick: %s", e.getMessage());
            }
        }
        for (Optional<String> namespace : namespaces) {
            Map<TargetRef, String> competitors = listOrCount(report, () -> workloads.hpaTargets(namespace), Map.of());
            for (WorkloadKind kind : WorkloadKind.values()) {
                for (Workload workload : listOrCount(report, () -> workloads.listOptedIn(kind, namespace), List.<Workload>of())) {
                    reconcile(workload, active, frozen, Optional.ofNullable(competitors.get(workload.ref())), now, report);
                }
            }
        }
        return report;
    }

    private void reconcile(Workload workload, Optional<Map<TargetRef, List<AlertSignal>>> active, boolean frozen,
            Optional<String> competitor, Instant now, ReconcileReport report) {
        TargetRef ref = workload.ref();
        report.targets++;
        try {
            TargetOutcome outcome = scaler.run(new ScaleJob(ref, workload, List.of(),
                    active.map(byTarget -> byTarget.getOrDefault(ref, List.of())), frozen, competitor, null, now,
                    Instant.MAX));
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

    private <T> T listOrCount(ReconcileReport report, java.util.function.Supplier<T> list, T fallback) {
        try {
            return list.get();
        } catch (RuntimeException e) {
            report.failures++;
            failures.increment();
            LOG.warnf("reconcile could not list targets: %s", e.getMessage());
            return fallback;
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

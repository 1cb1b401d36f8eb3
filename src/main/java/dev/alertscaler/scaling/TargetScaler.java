package dev.alertscaler.scaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.kubernetes.ApiException;
import dev.alertscaler.kubernetes.StateCodec;
import dev.alertscaler.kubernetes.TargetRef;
import dev.alertscaler.kubernetes.Workload;
import dev.alertscaler.kubernetes.WorkloadClient;
import dev.alertscaler.policy.AlertLedger;
import dev.alertscaler.policy.AlertRole;
import dev.alertscaler.policy.AlertSignal;
import dev.alertscaler.policy.Conditions;
import dev.alertscaler.policy.Decider;
import dev.alertscaler.policy.Decision;
import dev.alertscaler.policy.InvalidSettingException;
import dev.alertscaler.policy.PolicyAnnotations;
import dev.alertscaler.policy.Reason;
import dev.alertscaler.policy.ReplicaCounts;
import dev.alertscaler.policy.ScalingPolicy;
import dev.alertscaler.policy.TargetState;

/**
 * Reads a target, records its alerts, asks the policy, and writes replicas and state in one
 * update guarded by {@code resourceVersion}. On a conflict it reads and decides again, so that two
 * instances (or two concurrent notifications) apply each change once. The webhook and the
 * reconciler both come through here.
 */
@ApplicationScoped
public class TargetScaler {

    private static final Logger LOG = Logger.getLogger(TargetScaler.class);

    /** Reads-and-decides per target before giving up on conflicts (then the caller retries). */
    static final int MAX_ATTEMPTS = 5;

    /** Per target, as kubectl would set them: {@code "true"} dry-runs or pauses that target. */
    public static final String DRY_RUN_ANNOTATION = "alertscaler.dev/dry-run";
    public static final String PAUSED_ANNOTATION = "alertscaler.dev/paused";

    private final WorkloadClient workloads;
    private final ChangeReporter reporter;
    private final ScalingMetrics metrics;
    private final boolean globalDryRun;
    private final boolean globalPause;
    private final Clock clock;
    private final ScalingPolicy defaults;
    private final Duration alertTtl;
    private final AlertLedger ledger;
    private final Decider decider;

    public TargetScaler(WorkloadClient workloads, ChangeReporter reporter, ScalingMetrics metrics, Clock clock,
            AlertscalerConfig config) {
        this.workloads = workloads;
        this.reporter = reporter;
        this.metrics = metrics;
        this.globalDryRun = config.dryRun();
        this.globalPause = config.paused();
        this.clock = clock;
        this.defaults = config.defaults().toPolicy();
        this.alertTtl = config.alertTtl();
        this.ledger = new AlertLedger(alertTtl);
        this.decider = new Decider(alertTtl);
    }

    public TargetOutcome run(ScaleJob job) {
        TargetOutcome outcome = runOnce(job);
        if (outcome.status() == TargetOutcome.Status.RETRY || outcome.status() == TargetOutcome.Status.FAILED) {
            LOG.warnf("target=%s outcome=%s: %s", job.ref(), outcome.status().label(), outcome.message());
        }
        return outcome;
    }

    private TargetOutcome runOnce(ScaleJob job) {
        if (globalPause) {
            return TargetOutcome.ignored("alertscaler.paused is on: nothing is scaled or written");
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                return attempt(job, attempt == 1 ? job.listed() : null);
            } catch (ApiException e) {
                switch (e.kind()) {
                    case CONFLICT -> LOG.debugf("conflict on %s (attempt %d), deciding again", job.ref(), attempt);
                    case TRANSIENT -> {
                        return TargetOutcome.retry(e.getMessage());
                    }
                    default -> {
                        return new TargetOutcome(TargetOutcome.Status.FAILED, e.getMessage(), null, null);
                    }
                }
            } catch (TimeoutException | CircuitBreakerOpenException e) {
                return TargetOutcome.retry("Kubernetes API unavailable for " + job.ref() + ": " + e.getMessage());
            } catch (OutOfTime e) {
                return TargetOutcome.retry("out of time; " + job.ref() + " not done");
            }
        }
        return TargetOutcome.retry(job.ref() + " kept changing under us (" + MAX_ATTEMPTS + " conflicts)");
    }

    private TargetOutcome attempt(ScaleJob job, Workload listed) {
        Workload workload = listed;
        if (workload == null) {
            checkTime(job.deadline());
            Optional<Workload> found = workloads.get(job.ref());
            if (found.isEmpty()) {
                return TargetOutcome.notFound(job.ref() + " does not exist");
            }
            workload = found.get();
        }
        if (!workload.optedIn()) {
            return TargetOutcome.notFound(job.ref() + " is not opted in (label " + Workload.ENABLED_LABEL + "=\"true\")");
        }
        Instant now = job.now();
        StateCodec.Decoded stored = StateCodec.decode(workload.annotations().get(Workload.STATE_ANNOTATION), now);
        TargetState state = stored.state().seenSince(now);
        ScalingPolicy policy = null;
        Optional<Problem> problem = competitor(job, state);
        if (problem.isEmpty()) {
            try {
                policy = PolicyAnnotations.resolve(defaults, workload.annotations()).policy();
            } catch (InvalidSettingException e) {
                problem = Optional.of(new Problem(Problem.INVALID_CONFIG, "annotation " + e.getMessage() + "; target skipped"));
            }
        }
        if (problem.isPresent()) {
            return leaveAlone(job, workload, stored, state, problem.get());
        }
        TargetState next = state.withProblem(Optional.empty()).withoutExpiredControls(now);
        if (job.control() != null) {
            next = job.control().apply(next, policy, now);
        }
        next = ledger.record(next, job.signals(), now);
        if (job.snapshot().isPresent()) {
            next = ledger.reconcile(next, job.snapshot().get(), now);
        }
        boolean dryRun = dryRun(workload.annotations());
        int real = workload.replicas().current();
        ReplicaCounts counts = countsFor(workload, state);
        int from = counts.current();
        Decision decision = decider.decide(policy, next, counts, now,
                new Conditions(job.frozen(), pausedByAnnotation(workload)));
        if (decision.replicas() != from) {
            next = next.withChange(now, from, decision.replicas(), decision.reason())
                    .withoutEventsBefore(now.minus(policy.eventRetention()));
        }
        next = next.toBuilder().shadowReplicas(dryRun ? OptionalInt.of(decision.replicas()) : OptionalInt.empty()).build();
        publishGauges(job.ref(), next, decision, now);
        if (decision.replicas() == from && next.equals(stored.state()) && stored.error().isEmpty()) {
            return new TargetOutcome(TargetOutcome.Status.UNCHANGED, decision.detail(), from, decision);
        }
        checkTime(job.deadline());
        workloads.update(workload, dryRun ? real : decision.replicas(), StateCodec.encode(next, stored.raw()));
        reporter.unreadableState(workload, stored);
        reportEnded(workload, state, next, job.control());
        if (decision.replicas() != from) {
            reporter.scaled(workload, from, decision, dryRun);
        }
        // a hold that changed the count was just reported as ManualScale; every other action is reported here
        if (job.control() != null && !(decision.reason() == Reason.MANUAL_HOLD && decision.replicas() != from)) {
            reporter.action(workload, job.control());
        }
        return new TargetOutcome(TargetOutcome.Status.APPLIED, decision.detail(), from, decision);
    }

    /** Reports a pause or hold that ended by itself, or a problem that went away. */
    private void reportEnded(Workload workload, TargetState before, TargetState after, Control control) {
        before.problem().ifPresent(p -> LOG.infof("target=%s problem cleared: %s", workload.ref(), p));
        if (control != null) {
            return;
        }
        before.pause().filter(p -> after.pause().isEmpty()).ifPresent(p -> reporter.expired(workload, "Resumed",
                "pause (%s) by %s ended at %s".formatted(p.direction().label(), p.author(), p.until())));
        before.hold().filter(h -> after.hold().isEmpty()).ifPresent(h -> LOG.infof(
                "target=%s hold at %d by %s ended at %s", workload.ref(), h.replicas(), h.author(), h.until()));
    }

    /** The competing autoscaler, from the reconciler's check or, when not checked, from the state. */
    private static Optional<Problem> competitor(ScaleJob job, TargetState state) {
        if (job.competitor() == null) {
            return Problem.decode(state.problem()).filter(p -> p.reason().equals(Problem.CONFLICT));
        }
        return job.competitor().map(c -> new Problem(Problem.CONFLICT, c
                + " also targets " + job.ref() + "; two autoscalers would fight over spec.replicas, so it is left alone"));
    }

    /** Records the problem in the state (once) with a Warning Event, and changes nothing else. */
    private TargetOutcome leaveAlone(ScaleJob job, Workload workload, StateCodec.Decoded stored, TargetState state,
            Problem problem) {
        TargetState next = state.withProblem(Optional.of(problem.encoded()));
        if (!next.equals(stored.state()) || stored.error().isPresent()) {
            checkTime(job.deadline());
            workloads.update(workload, workload.replicas().current(), StateCodec.encode(next, stored.raw()));
            reporter.unreadableState(workload, stored);
            if (!next.problem().equals(stored.state().problem())) {
                reporter.problem(workload, problem);
            }
        }
        return TargetOutcome.ignored(problem.encoded());
    }

    /** The policy code, for views that explain what it would do. */
    public Decider decider() {
        return decider;
    }

    /** The global policy defaults. */
    public ScalingPolicy defaults() {
        return defaults;
    }

    /**
     * The replicas the policy plays against: the real ones, or in dry-run the shadow ones, assumed
     * ready, so that a dry-run story progresses as if applied instead of repeating the same "would".
     */
    public ReplicaCounts countsFor(Workload workload, TargetState state) {
        if (!dryRun(workload.annotations())) {
            return workload.replicas();
        }
        int shadow = state.shadowReplicas().orElse(workload.replicas().current());
        return new ReplicaCounts(shadow, shadow);
    }

    /** Whether a person paused the target with the annotation {@code alertscaler.dev/paused: "true"}. */
    public static boolean pausedByAnnotation(Workload workload) {
        return "true".equals(workload.annotations().get(PAUSED_ANNOTATION));
    }

    public boolean dryRun(Map<String, String> annotations) {
        return globalDryRun || "true".equals(annotations.get(DRY_RUN_ANNOTATION));
    }

    public boolean globalPause() {
        return globalPause;
    }

    private void checkTime(Instant deadline) {
        if (clock.instant().isAfter(deadline)) {
            throw new OutOfTime();
        }
    }

    /** No time left to start another API call. */
    private static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super(null, null, false, false);
        }
    }

    private void publishGauges(TargetRef ref, TargetState state, Decision decision, Instant now) {
        metrics.desired(ref, decision.replicas());
        for (AlertRole role : List.of(AlertRole.SCALE_UP, AlertRole.HOLD)) {
            metrics.firing(ref, role, (int) state.alerts().values().stream()
                    .filter(a -> a.role() == role && a.firingAt(now, alertTtl)).count());
        }
    }
}

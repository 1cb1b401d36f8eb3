package dev.alertscaler.scaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import dev.alertscaler.policy.Shadow;
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
        if (stored.unknownVersion().isPresent()) {
            // a newer build's format: reading it could misjudge, writing it would destroy it
            String message = "annotation " + Workload.STATE_ANNOTATION + " has version " + stored.unknownVersion().get()
                    + ", which this build does not know (it knows " + StateCodec.VERSION + "); target left alone";
            reporter.unknownState(workload, stored.unknownVersion().get(), message);
            return TargetOutcome.ignored(message);
        }
        TargetState state = withCheck(stored.state().seenSince(now), job.competitor());
        boolean dryRun = dryRun(workload.annotations());
        Optional<Problem> conflict = competitor(job, state, dryRun);
        ScalingPolicy policy;
        try {
            policy = PolicyAnnotations.resolve(defaults, workload.annotations()).policy();
        } catch (InvalidSettingException e) {
            return leaveAlone(job, workload, stored, state,
                    new Problem(Problem.INVALID_CONFIG, "annotation " + e.getMessage() + "; target skipped"));
        }
        // in dry-run beside another autoscaler (KEDA, say) the conflict is reported and the decisions
        // are still made: comparing them with what the other one does is the point of the dry-run
        if (conflict.isPresent() && !dryRun) {
            return leaveAlone(job, workload, stored, state, conflict.get());
        }
        TargetState next = state.withProblem(conflict.map(Problem::encoded)).withoutExpiredControls(now);
        if (job.control() != null) {
            next = job.control().apply(next, policy, now);
        }
        next = ledger.record(next, job.signals(), now);
        if (job.snapshot().isPresent()) {
            next = ledger.reconcile(next, job.snapshot().get(), now);
        }
        int real = workload.replicas().current();
        ReplicaCounts counts = countsFor(workload, next);
        int from = counts.current();
        TargetState played = dryRun ? next.shadowPlay() : next;
        Decision decision = decide(job, policy, played, counts, pausedByAnnotation(workload));
        if (decision.replicas() != from) {
            played = played.withChange(now, from, decision.replicas(), decision.reason())
                    .withoutEventsBefore(now.minus(policy.eventRetention()));
        }
        // a dry-run's would-be history stays apart from the real one, which it never touches
        next = dryRun ? next.withShadowOf(played, decision.replicas()) : played.toBuilder().shadow(Optional.empty()).build();
        publishGauges(job.ref(), next, decision, now);
        if (decision.replicas() == from && next.equals(stored.state()) && stored.error().isEmpty()) {
            return new TargetOutcome(TargetOutcome.Status.UNCHANGED, decision.detail(), from, decision);
        }
        checkTime(job.deadline());
        workloads.update(workload, dryRun ? real : decision.replicas(), StateCodec.encode(next, stored.raw()));
        reportWritten(workload, stored, next);
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

    /**
     * The policy's decision. A scale-down is checked against the signal first: while it cannot be
     * trusted (heartbeat lost, Alertmanager unreachable) no path scales down automatically; a count
     * a person set explicitly still applies, and says that it overrides the freeze.
     */
    private Decision decide(ScaleJob job, ScalingPolicy policy, TargetState state, ReplicaCounts counts,
            boolean annotationPause) {
        Decision decision = decider.decide(policy, state, counts, job.now(), new Conditions(false, annotationPause));
        if (decision.replicas() >= counts.current()) {
            return decision;
        }
        Optional<String> frozen = job.scaleDownFrozen().get();
        if (frozen.isEmpty()) {
            return decision;
        }
        Decision held = decider.decide(policy, state, counts, job.now(), new Conditions(true, annotationPause));
        if (held.reason() == Reason.MANUAL_HOLD && held.replicas() < counts.current()) {
            return new Decision(held.replicas(), held.reason(),
                    held.detail() + "; overrides the scale-down freeze (" + frozen.get() + ")");
        }
        return held;
    }

    /** The state with what the reconciler's check for another autoscaler found, when it made one. */
    private static TargetState withCheck(TargetState state, CompetitorCheck check) {
        return switch (check.result()) {
            case NOT_MADE -> state;
            case NONE, FOUND -> state.toBuilder().competitorChecked(true).competitorCheckFailure(Optional.empty()).build();
            // the last known answer stands; a target never checked is recorded once, for its Warning Event
            case FAILED -> state.competitorChecked() || state.competitorCheckFailure().isPresent() ? state
                    : state.toBuilder().competitorCheckFailure(Optional.of(check.detail())).build();
        };
    }

    /** Reports a pause or hold that ended by itself, or a problem that went away. */
    private void reportEnded(Workload workload, TargetState before, TargetState after, Control control) {
        before.problem().filter(p -> after.problem().isEmpty())
                .ifPresent(p -> LOG.infof("target=%s problem cleared: %s", workload.ref(), p));
        if (control != null) {
            return;
        }
        before.pause().filter(p -> after.pause().isEmpty()).ifPresent(p -> reporter.expired(workload, "Resumed",
                "pause (%s) by %s ended at %s".formatted(p.direction().label(), p.author(), p.until())));
        before.hold().filter(h -> after.hold().isEmpty()).ifPresent(h -> LOG.infof(
                "target=%s hold at %d by %s ended at %s", workload.ref(), h.replicas(), h.author(), h.until()));
    }

    /** The competing autoscaler, from this job's check or, when it made none or it failed, from the state. */
    private static Optional<Problem> competitor(ScaleJob job, TargetState state, boolean dryRun) {
        return switch (job.competitor().result()) {
            case FOUND -> Optional.of(new Problem(Problem.CONFLICT, job.competitor().detail() + " also targets "
                    + job.ref() + (dryRun ? "; in dry-run, so decisions are still made and recorded as WouldScale"
                            : "; two autoscalers would fight over spec.replicas, so it is left alone")));
            case NONE -> Optional.empty();
            case NOT_MADE, FAILED -> Problem.decode(state.problem()).filter(p -> p.reason().equals(Problem.CONFLICT));
        };
    }

    /** Records the problem in the state (once) with a Warning Event, and changes nothing else. */
    private TargetOutcome leaveAlone(ScaleJob job, Workload workload, StateCodec.Decoded stored, TargetState state,
            Problem problem) {
        TargetState next = state.withProblem(Optional.of(problem.encoded()));
        if (!next.equals(stored.state()) || stored.error().isPresent()) {
            checkTime(job.deadline());
            workloads.update(workload, workload.replicas().current(), StateCodec.encode(next, stored.raw()));
            reportWritten(workload, stored, next);
        }
        return TargetOutcome.ignored(problem.encoded());
    }

    /** The Warning Events a write records once: an unreadable state replaced, a new problem, a failing check. */
    private void reportWritten(Workload workload, StateCodec.Decoded stored, TargetState written) {
        reporter.unreadableState(workload, stored);
        TargetState before = stored.state();
        if (written.problem().isPresent() && !written.problem().equals(before.problem())) {
            Problem.decode(written.problem()).ifPresent(p -> reporter.problem(workload, p));
        }
        if (written.competitorCheckFailure().isPresent() && before.competitorCheckFailure().isEmpty()) {
            reporter.competitorCheckFailed(workload, written.competitorCheckFailure().get());
        }
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
        int shadow = state.shadow().map(Shadow::replicas).orElse(workload.replicas().current());
        return new ReplicaCounts(shadow, shadow);
    }

    /** The state the policy plays against: in dry-run, the shadow's history in place of the real one. */
    public TargetState playedState(Workload workload, TargetState state) {
        return dryRun(workload.annotations()) ? state.shadowPlay() : state;
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

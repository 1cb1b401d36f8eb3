package dev.alertscaler.scaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.kubernetes.ApiException;
import dev.alertscaler.kubernetes.EventRecorder;
import dev.alertscaler.kubernetes.StateCodec;
import dev.alertscaler.kubernetes.TargetRef;
import dev.alertscaler.kubernetes.Workload;
import dev.alertscaler.kubernetes.WorkloadClient;
import dev.alertscaler.policy.AlertLedger;
import dev.alertscaler.policy.AlertRole;
import dev.alertscaler.policy.AlertSignal;
import dev.alertscaler.policy.Decider;
import dev.alertscaler.policy.Decision;
import dev.alertscaler.policy.InvalidSettingException;
import dev.alertscaler.policy.PolicyAnnotations;
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

    private final WorkloadClient workloads;
    private final EventRecorder events;
    private final ScalingMetrics metrics;
    private final Clock clock;
    private final ScalingPolicy defaults;
    private final Duration alertTtl;
    private final AlertLedger ledger;
    private final Decider decider;

    public TargetScaler(WorkloadClient workloads, EventRecorder events, ScalingMetrics metrics, Clock clock,
            AlertscalerConfig config) {
        this.workloads = workloads;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.defaults = config.defaults().toPolicy();
        this.alertTtl = config.alertTtl();
        this.ledger = new AlertLedger(alertTtl);
        this.decider = new Decider(alertTtl);
    }

    /**
     * What to do for one target.
     *
     * @param listed     the target as a LIST just returned it, to save the read (null: read it)
     * @param signals    alerts from a notification, recorded as they come
     * @param snapshot   Alertmanager's API view of the target's active alerts, when asked: recorded
     *                   alerts it no longer lists end now
     * @param frozen     scale-down is frozen: the alert signal cannot be trusted now
     * @param competitor another autoscaler that targets the workload (empty: none; null: not
     *                   checked, keep what the state says)
     * @param deadline   after it, no further API call is started and the outcome is {@code RETRY}
     */
    public record Job(TargetRef ref, Workload listed, List<AlertSignal> signals, Optional<List<AlertSignal>> snapshot,
            boolean frozen, Optional<String> competitor, Instant now, Instant deadline) {

        /** A webhook notification's alerts for one target. */
        public static Job notification(TargetRef ref, List<AlertSignal> signals, Instant now, Instant deadline) {
            return new Job(ref, null, signals, Optional.empty(), false, null, now, deadline);
        }
    }

    public TargetOutcome run(Job job) {
        TargetOutcome outcome = runOnce(job);
        if (outcome.status() == TargetOutcome.Status.RETRY || outcome.status() == TargetOutcome.Status.FAILED) {
            LOG.warnf("target=%s outcome=%s: %s", job.ref(), outcome.status().label(), outcome.message());
        }
        return outcome;
    }

    private TargetOutcome runOnce(Job job) {
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

    private TargetOutcome attempt(Job job, Workload listed) {
        Workload workload = listed;
        if (workload == null) {
            checkTime(job.deadline());
            Optional<Workload> found = workloads.get(job.ref());
            if (found.isEmpty()) {
                return TargetOutcome.ignored(job.ref() + " does not exist");
            }
            workload = found.get();
        }
        if (!workload.optedIn()) {
            return TargetOutcome.ignored(job.ref() + " is not opted in (label " + Workload.ENABLED_LABEL + "=\"true\")");
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
        TargetState next = ledger.record(state.withProblem(Optional.empty()), job.signals(), now);
        if (job.snapshot().isPresent()) {
            next = ledger.reconcile(next, job.snapshot().get(), now);
        }
        int from = workload.replicas().current();
        Decision decision = decider.decide(policy, next, workload.replicas(), now, job.frozen());
        if (decision.replicas() != from) {
            next = next.withChange(now, from, decision.replicas()).withoutEventsBefore(now.minus(policy.eventRetention()));
        }
        publishGauges(job.ref(), next, decision, now);
        if (decision.replicas() == from && next.equals(stored.state()) && stored.error().isEmpty()) {
            return new TargetOutcome(TargetOutcome.Status.UNCHANGED, decision.detail(), from, decision);
        }
        checkTime(job.deadline());
        workloads.update(workload, decision.replicas(), StateCodec.encode(next, stored.raw()));
        reportUnreadableState(workload, stored);
        stored.state().problem().ifPresent(p -> LOG.infof("target=%s problem cleared: %s", job.ref(), p));
        if (decision.replicas() != from) {
            report(workload, from, decision);
        }
        return new TargetOutcome(TargetOutcome.Status.APPLIED, decision.detail(), from, decision);
    }

    /** The competing autoscaler, from the reconciler's check or, when not checked, from the state. */
    private static Optional<Problem> competitor(Job job, TargetState state) {
        if (job.competitor() == null) {
            return Problem.decode(state.problem()).filter(p -> p.reason().equals(Problem.CONFLICT));
        }
        return job.competitor().map(c -> new Problem(Problem.CONFLICT, c
                + " also targets " + job.ref() + "; two autoscalers would fight over spec.replicas, so it is left alone"));
    }

    /** Records the problem in the state (once) with a Warning Event, and changes nothing else. */
    private TargetOutcome leaveAlone(Job job, Workload workload, StateCodec.Decoded stored, TargetState state,
            Problem problem) {
        TargetState next = state.withProblem(Optional.of(problem.encoded()));
        if (!next.equals(stored.state()) || stored.error().isPresent()) {
            checkTime(job.deadline());
            workloads.update(workload, workload.replicas().current(), StateCodec.encode(next, stored.raw()));
            reportUnreadableState(workload, stored);
            if (!next.problem().equals(stored.state().problem())) {
                LOG.warnf("target=%s left alone: %s", job.ref(), problem.encoded());
                events.record(workload, EventRecorder.Type.WARNING, problem.reason(), problem.message());
            }
        }
        return TargetOutcome.ignored(problem.encoded());
    }

    private void reportUnreadableState(Workload workload, StateCodec.Decoded stored) {
        stored.error().ifPresent(error -> events.record(workload, EventRecorder.Type.WARNING, Problem.INVALID_CONFIG,
                "annotation " + Workload.STATE_ANNOTATION + " was unreadable (" + error
                        + "); replaced, acting as if a scale-up had just happened"));
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

    private void report(Workload workload, int from, Decision decision) {
        String reason = switch (decision.reason()) {
            case BELOW_MIN, ABOVE_MAX -> "Bounded";
            default -> decision.replicas() > from ? "ScaledUp" : "ScaledDown";
        };
        String message = "scaled %d → %d (%s): %s".formatted(from, decision.replicas(), decision.reason().label(),
                decision.detail());
        LOG.infof("scaled target=%s from=%d to=%d reason=%s detail=\"%s\"", workload.ref(), from,
                decision.replicas(), decision.reason().label(), decision.detail());
        events.record(workload, EventRecorder.Type.NORMAL, reason, message);
        metrics.scaled(decision.reason());
    }

    private void publishGauges(TargetRef ref, TargetState state, Decision decision, Instant now) {
        metrics.desired(ref, decision.replicas());
        for (AlertRole role : List.of(AlertRole.SCALE_UP, AlertRole.HOLD)) {
            metrics.firing(ref, role, (int) state.alerts().values().stream()
                    .filter(a -> a.role() == role && a.firingAt(now, alertTtl)).count());
        }
    }
}

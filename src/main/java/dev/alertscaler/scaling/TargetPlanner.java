package dev.alertscaler.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.alertscaler.policy.AlertLedger;
import dev.alertscaler.policy.Constraints;
import dev.alertscaler.policy.Decider;
import dev.alertscaler.policy.Decision;
import dev.alertscaler.policy.InvalidSettingException;
import dev.alertscaler.policy.PolicyAnnotations;
import dev.alertscaler.policy.Reason;
import dev.alertscaler.policy.ReplicaCounts;
import dev.alertscaler.policy.ScalingPolicy;
import dev.alertscaler.policy.TargetState;

/**
 * Plans one attempt at a target from what was read: records the job's alerts and action, asks
 * the policy, and says what to write and to report. It reads and writes nothing (the one question
 * it may ask, whether scale-down is frozen, comes with the job), so every branch is testable
 * without a cluster.
 */
final class TargetPlanner {

    private final ScalingPolicy defaults;
    private final TargetSwitches switches;
    private final AlertLedger ledger;
    private final Decider decider;

    TargetPlanner(ScalingPolicy defaults, Duration alertTtl, TargetSwitches switches) {
        this.defaults = defaults;
        this.switches = switches;
        this.ledger = new AlertLedger(alertTtl);
        this.decider = new Decider(alertTtl);
    }

    Plan plan(ScaleJob job, Workload workload, StateCodec.Decoded stored) {
        Instant now = job.now();
        if (stored.unknownVersion().isPresent()) {
            // a newer build's format: reading it could misjudge, writing it would destroy it
            String message = "annotation " + Annotations.STATE + " has version " + stored.unknownVersion().get()
                    + ", which this build does not know (it knows " + StateCodec.VERSION + "); target left alone";
            return new Plan(TargetOutcome.ignored(message), Optional.empty(),
                    List.of(new Report.UnknownState(stored.unknownVersion().get(), message)), Optional.empty());
        }
        TargetState state = withCheck(stored.state().seenSince(now), job.competitor());
        boolean dryRun = switches.dryRun(workload);
        Optional<Problem> conflict = competitor(job, state, dryRun);
        ScalingPolicy policy;
        try {
            policy = PolicyAnnotations.resolve(defaults, workload.annotations()).policy();
        } catch (InvalidSettingException e) {
            return leaveAlone(workload, stored, state,
                    new Problem(EventReason.InvalidConfig, "annotation " + e.getMessage() + "; target skipped"));
        }
        // in dry-run beside another autoscaler (KEDA, say) the conflict is reported and the decisions
        // are still made: comparing them with what the other one does is the point of the dry-run
        if (conflict.isPresent() && !dryRun) {
            return leaveAlone(workload, stored, state, conflict.get());
        }
        TargetState next = state.withProblem(conflict.map(Problem::encoded)).withoutExpiredControls(now);
        if (job.action().isPresent()) {
            next = job.action().get().apply(next, policy, now);
        }
        next = ledger.record(next, job.signals(), now);
        if (job.snapshot().isPresent()) {
            next = ledger.reconcile(next, job.snapshot().get(), now);
        }
        ReplicaCounts counts = switches.countsFor(workload, next);
        int from = counts.current();
        TargetState played = dryRun ? next.shadowPlay() : next;
        Decision decision = decide(job, policy, played, counts, TargetSwitches.pausedByAnnotation(workload));
        if (decision.replicas() != from) {
            played = played.withChange(now, from, decision.replicas(), decision.reason())
                    .withoutEventsBefore(now.minus(policy.eventRetention()));
        }
        // a dry-run's would-be history stays apart from the real one, which it never touches
        next = dryRun ? next.withShadowOf(played, decision.replicas()) : played.toBuilder().shadow(Optional.empty()).build();
        Optional<Plan.Decided> decided = Optional.of(new Plan.Decided(decision, next));
        if (decision.replicas() == from && next.equals(stored.state()) && stored.error().isEmpty()) {
            return new Plan(new TargetOutcome(TargetOutcome.Status.UNCHANGED, decision.detail(), from, decision),
                    Optional.empty(), List.of(), decided);
        }
        List<Report> reports = written(stored, next);
        ended(state, next, job.action().isPresent(), reports);
        if (decision.replicas() != from) {
            reports.add(new Report.Scaled(from, decision, dryRun));
        }
        // a hold that changed the count is reported as ManualScale by Scaled; every other action here
        if (job.action().isPresent() && !(decision.reason() == Reason.MANUAL_HOLD && decision.replicas() != from)) {
            reports.add(new Report.ActionTaken(job.action().get()));
        }
        return new Plan(new TargetOutcome(TargetOutcome.Status.APPLIED, decision.detail(), from, decision),
                Optional.of(new Plan.Write(dryRun ? workload.replicas().current() : decision.replicas(), next)),
                reports, decided);
    }

    /**
     * The policy's decision. A scale-down is checked against the signal first: while it cannot be
     * trusted (heartbeat lost, Alertmanager unreachable) no path scales down automatically; a count
     * a person set explicitly still applies, and says that it overrides the freeze.
     */
    private Decision decide(ScaleJob job, ScalingPolicy policy, TargetState state, ReplicaCounts counts,
            boolean annotationPause) {
        Decision decision = decider.decide(policy, state, counts, job.now(), new Constraints(false, annotationPause));
        if (decision.replicas() >= counts.current()) {
            return decision;
        }
        Optional<String> frozen = job.scaleDownFrozen();
        if (frozen.isEmpty()) {
            return decision;
        }
        Decision held = decider.decide(policy, state, counts, job.now(), new Constraints(true, annotationPause));
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

    /** The competing autoscaler, from this job's check or, when it made none or it failed, from the state. */
    private static Optional<Problem> competitor(ScaleJob job, TargetState state, boolean dryRun) {
        return switch (job.competitor().result()) {
            case FOUND -> Optional.of(new Problem(EventReason.Conflict, job.competitor().detail() + " also targets "
                    + job.ref() + (dryRun ? "; in dry-run, so decisions are still made and recorded as WouldScale"
                            : "; two autoscalers would fight over spec.replicas, so it is left alone")));
            case NONE -> Optional.empty();
            case NOT_MADE, FAILED -> Problem.decode(state.problem()).filter(p -> p.reason() == EventReason.Conflict);
        };
    }

    /** Records the problem in the state (once, with its Warning Event), and changes nothing else. */
    private static Plan leaveAlone(Workload workload, StateCodec.Decoded stored, TargetState state, Problem problem) {
        TargetState next = state.withProblem(Optional.of(problem.encoded()));
        boolean write = !next.equals(stored.state()) || stored.error().isPresent();
        return new Plan(TargetOutcome.ignored(problem.encoded()),
                write ? Optional.of(new Plan.Write(workload.replicas().current(), next)) : Optional.empty(),
                write ? written(stored, next) : List.of(), Optional.empty());
    }

    /** The Warning Events a write records once: an unreadable state replaced, a new problem, a failing check. */
    private static List<Report> written(StateCodec.Decoded stored, TargetState next) {
        List<Report> reports = new ArrayList<>();
        stored.error().ifPresent(error -> reports.add(new Report.UnreadableStateReplaced(error)));
        TargetState before = stored.state();
        if (next.problem().isPresent() && !next.problem().equals(before.problem())) {
            Problem.decode(next.problem()).ifPresent(p -> reports.add(new Report.ProblemFound(p)));
        }
        if (next.competitorCheckFailure().isPresent() && before.competitorCheckFailure().isEmpty()) {
            reports.add(new Report.CompetitorCheckFailed(next.competitorCheckFailure().get()));
        }
        return reports;
    }

    /** A pause or hold that ended by itself, or a problem that went away. */
    private static void ended(TargetState before, TargetState after, boolean byAction, List<Report> reports) {
        before.problem().filter(p -> after.problem().isEmpty()).ifPresent(p -> reports.add(new Report.ProblemCleared(p)));
        if (byAction) {
            return;
        }
        before.pause().filter(p -> after.pause().isEmpty()).ifPresent(p -> reports.add(new Report.PauseEnded(p)));
        before.hold().filter(h -> after.hold().isEmpty()).ifPresent(h -> reports.add(new Report.HoldEnded(h)));
    }
}

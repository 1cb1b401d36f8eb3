package dev.alertscaler.scaling;

import java.util.List;
import java.util.Optional;

import dev.alertscaler.policy.Decision;
import dev.alertscaler.policy.TargetState;

/**
 * What one attempt at a target comes to, decided before anything is written: the outcome, the
 * write it takes (none when nothing changes), and what to report once it is written.
 *
 * @param decided the policy's decision and the state it leaves, when it got that far (for the gauges)
 */
record Plan(TargetOutcome outcome, Optional<Write> write, List<Report> reports, Optional<Decided> decided) {

    /** Replicas and state, written in one update. */
    record Write(int replicas, TargetState state) {
    }

    record Decided(Decision decision, TargetState state) {
    }

    Plan {
        reports = List.copyOf(reports);
    }
}

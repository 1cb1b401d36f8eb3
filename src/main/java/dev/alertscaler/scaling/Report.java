package dev.alertscaler.scaling;

import dev.alertscaler.policy.Decision;
import dev.alertscaler.policy.ManualHold;
import dev.alertscaler.policy.Pause;

/** Something a planned change tells people once it is written (an Event, a log line, a metric), in order. */
sealed interface Report {

    /** The stored state could not be read and was replaced. */
    record UnreadableStateReplaced(String error) implements Report {
    }

    /** A problem that leaves the target alone (or, in dry-run, is reported beside the decisions) appeared or changed. */
    record ProblemFound(Problem problem) implements Report {
    }

    /** A problem recorded earlier went away. */
    record ProblemCleared(String problem) implements Report {
    }

    /** The check for another autoscaler failed on a target never checked. */
    record CompetitorCheckFailed(String error) implements Report {
    }

    /** A pause ended by itself. */
    record PauseEnded(Pause pause) implements Report {
    }

    /** A hold ended by itself. */
    record HoldEnded(ManualHold hold) implements Report {
    }

    /** The replicas (or, in dry-run, the shadow's) changed. */
    record Scaled(int from, Decision decision, boolean dryRun) implements Report {
    }

    /** An on-call action was written. */
    record ActionTaken(OncallAction action) implements Report {
    }

    /** A state of an unknown version: nothing is written, this is all that happens. */
    record UnknownState(String version, String message) implements Report {
    }
}

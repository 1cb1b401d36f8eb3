package dev.alertscaler.scaling;

import java.util.Locale;

import dev.alertscaler.policy.Decision;

/**
 * What handling one target's alerts came to.
 *
 * @param from     replicas before, when the target was read
 * @param decision the policy's decision, when it got that far
 */
public record TargetOutcome(Status status, String message, Integer from, Decision decision) {

    /** How a notification's alert ended up, as reported to Alertmanager. */
    public enum Status {
        /** The target was written: the alert recorded, and replicas changed if the decision says so. */
        APPLIED,
        /** Nothing to write: the notification repeats what the state already holds. */
        UNCHANGED,
        /** The alert does not concern a scalable target (bad labels, invalid config, a competing autoscaler). */
        IGNORED,
        /** The target does not exist or is not opted in (reported as ignored to Alertmanager, 404 to people). */
        NOT_FOUND,
        /** The API refused for good (e.g. 403): retrying will not help. */
        FAILED,
        /** A transient failure, or out of time: Alertmanager should send it again. */
        RETRY;

        /** As reported to Alertmanager: a missing target is one more reason to ignore an alert. */
        public String label() {
            return this == NOT_FOUND ? "ignored" : name().toLowerCase(Locale.ROOT);
        }
    }

    public static TargetOutcome ignored(String message) {
        return new TargetOutcome(Status.IGNORED, message, null, null);
    }

    public static TargetOutcome notFound(String message) {
        return new TargetOutcome(Status.NOT_FOUND, message, null, null);
    }

    public static TargetOutcome retry(String message) {
        return new TargetOutcome(Status.RETRY, message, null, null);
    }
}

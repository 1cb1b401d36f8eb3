package dev.alertscaler.scaling;

/**
 * What the reconciler's check for another autoscaler of a target (an HPA, KEDA's included) found.
 * "Could not check" is not "none": after a failed check the last known answer, kept in the
 * target's state, stands.
 *
 * @param detail the competitor ("HorizontalPodAutoscaler ns/name …") when found, the error when failed
 */
public record CompetitorCheck(Result result, String detail) {

    /** The outcome of the check. */
    public enum Result {
        /** Not checked by this job (a notification, an on-call action): the state's last answer stands. */
        NOT_MADE,
        /** Checked: nothing else targets the workload. */
        NONE,
        /** Checked: another autoscaler targets the workload. */
        FOUND,
        /** The check could not be made (e.g. 403 on listing HPAs). */
        FAILED
    }

    public static final CompetitorCheck NOT_MADE = new CompetitorCheck(Result.NOT_MADE, null);
    public static final CompetitorCheck NONE = new CompetitorCheck(Result.NONE, null);

    public static CompetitorCheck found(String competitor) {
        return new CompetitorCheck(Result.FOUND, competitor);
    }

    public static CompetitorCheck failed(String error) {
        return new CompetitorCheck(Result.FAILED, error);
    }
}

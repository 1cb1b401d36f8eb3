package dev.alertscaler.reconcile;

import java.util.Map;

import dev.alertscaler.scaling.CompetitorCheck;
import dev.alertscaler.scaling.TargetRef;

/** One LIST of HPAs, or the reason it failed: "could not check" is not "none". */
record CompetitorChecks(Map<TargetRef, String> found, String error) {
    CompetitorCheck of(TargetRef ref) {
        if (error != null) {
            return CompetitorCheck.failed(error);
        }
        String competitor = found.get(ref);
        return competitor == null ? CompetitorCheck.NONE : CompetitorCheck.found(competitor);
    }
}

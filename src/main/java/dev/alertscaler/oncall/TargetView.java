package dev.alertscaler.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One target as an on-call engineer sees it: why it is at its count, what the policy would do now,
 * and when it may next scale down.
 *
 * @param desiredReplicas what the policy decides now ({@code reason}, {@code detail} say why)
 * @param shadowReplicas  in dry-run, the replicas alertscaler would have set
 * @param policy          each effective setting with where it came from ({@code annotation} or {@code default})
 * @param firingAlerts    the alerts firing now, by role
 * @param nextScaleDown   the next scale-down if nothing changes meanwhile; absent when none is ahead
 * @param recentChanges   the last changes (or would-be changes in dry-run) with their reasons
 * @param problem         why the target is left alone, when it is; in dry-run, a Conflict with another
 *                        autoscaler is shown here while the decisions are still made
 * @param competitorCheck whether the check for another autoscaler (an HPA) was ever made, and why it
 *                        fails when it has never succeeded
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetView(
        String namespace,
        String kind,
        String name,
        int currentReplicas,
        int readyReplicas,
        Integer shadowReplicas,
        Integer desiredReplicas,
        String reason,
        String detail,
        Map<String, Setting> policy,
        Map<String, List<AlertView>> firingAlerts,
        HoldView hold,
        PauseView pause,
        boolean dryRun,
        boolean killSwitch,
        NextScaleDown nextScaleDown,
        List<ChangeView> recentChanges,
        String problem,
        CompetitorCheckView competitorCheck,
        SignalView signal) {

    /** A policy value and its source. */
    @RegisterForReflection
    public record Setting(String value, String source) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertView(String fingerprint, Instant startsAt, Instant lastSeen, Double value) {
    }

    @RegisterForReflection
    public record HoldView(int replicas, Instant until, String author, String reason) {
    }

    /** A pause; {@code source} is {@code api} (PUT …/pause) or {@code annotation} (alertscaler.dev/paused). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PauseView(String direction, Instant until, String author, String reason, String source) {
    }

    /** The next scale-down: when, to how many, removing how many pods, and the arithmetic. */
    @RegisterForReflection
    public record NextScaleDown(Instant at, int toReplicas, int removes, String detail) {
    }

    @RegisterForReflection
    public record ChangeView(Instant at, int fromReplicas, int toReplicas, String reason) {
    }

    /**
     * The check for another autoscaler: {@code checked} once a check succeeded; {@code failure} while
     * checks fail on a target never checked (it is then scaled as if there were none).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CompetitorCheckView(boolean checked, String failure) {
    }

    /** The heartbeat: when {@code lost}, all scale-down is frozen. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SignalView(boolean watched, Instant lastSeen, boolean lost) {
    }
}

package dev.alertscaler.reconcile;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What one reconcile did: how many targets it saw, what it changed and why, how many failed. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReconcileReport {

    /** One applied change. */
    @RegisterForReflection
    public record Change(String target, int fromReplicas, int toReplicas, String reason) {
    }

    /** When this reconcile started (an answer to {@code POST /reconcile} within the minimum gap is an earlier report). */
    public String ranAt;
    public int targets;
    public final List<Change> changes = new ArrayList<>();
    public int failures;
    /** Why scale-down was frozen this tick, when it was. */
    public String scaleDownFrozen;
    /** Why the check for other autoscalers (a LIST of HPAs) failed this tick, when it did. */
    public String competitorCheckFailed;
}

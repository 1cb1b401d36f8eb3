package dev.alertscaler.scaling;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertscaler.kubernetes.EventRecorder;
import dev.alertscaler.kubernetes.StateCodec;
import dev.alertscaler.kubernetes.Workload;
import dev.alertscaler.policy.Decision;

/** Tells people what happened to a target: an Event on it, a structured log line and a metric, from one decision. */
@ApplicationScoped
public class ChangeReporter {

    private static final Logger LOG = Logger.getLogger(ChangeReporter.class);

    private final EventRecorder events;
    private final ScalingMetrics metrics;
    /** Targets already told about an unknown state version; the state itself cannot hold it, as it is not written. */
    private final Set<String> unknownStatesReported = ConcurrentHashMap.newKeySet();

    public ChangeReporter(EventRecorder events, ScalingMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
    }

    /** A change of replicas (or, in dry-run, of the shadow replicas). */
    void scaled(Workload workload, int from, Decision decision, boolean dryRun) {
        String reason = dryRun ? "WouldScale" : switch (decision.reason()) {
            case BELOW_MIN, ABOVE_MAX -> "Bounded";
            case MANUAL_HOLD -> "ManualScale";
            default -> decision.replicas() > from ? "ScaledUp" : "ScaledDown";
        };
        String verb = dryRun ? "would scale" : "scaled";
        LOG.infof("%s target=%s from=%d to=%d reason=%s detail=\"%s\"", verb.replace(' ', '_'), workload.ref(), from,
                decision.replicas(), decision.reason().label(), decision.detail());
        events.record(workload, EventRecorder.Type.NORMAL, reason,
                "%s %d → %d (%s): %s".formatted(verb, from, decision.replicas(), decision.reason().label(), decision.detail()));
        metrics.scaled(from, decision.replicas(), decision.reason(), dryRun);
    }

    /** A problem that leaves the target alone, reported when it appears or changes. */
    void problem(Workload workload, Problem problem) {
        LOG.warnf("target=%s left alone: %s", workload.ref(), problem.encoded());
        events.record(workload, EventRecorder.Type.WARNING, problem.reason(), problem.message());
    }

    /** An on-call action, written. */
    void action(Workload workload, Control control) {
        LOG.infof("oncall target=%s action=%s: %s", workload.ref(), control.eventReason(), control.eventMessage());
        events.record(workload, EventRecorder.Type.NORMAL, control.eventReason(), control.eventMessage());
    }

    /** A pause or hold that ended by itself. */
    void expired(Workload workload, String reason, String message) {
        LOG.infof("target=%s %s: %s", workload.ref(), reason, message);
        events.record(workload, EventRecorder.Type.NORMAL, reason, message);
    }

    /**
     * A state of a version this build does not know: a Warning Event once per target and version in
     * this process (the state, which is left alone, cannot record that it was reported).
     */
    void unknownState(Workload workload, String version, String message) {
        if (unknownStatesReported.add(workload.ref() + "@" + version)) {
            LOG.warnf("target=%s %s", workload.ref(), message);
            events.record(workload, EventRecorder.Type.WARNING, "UnknownState", message);
        }
    }

    /** The check for another autoscaler failed on a target that was never checked: scaled, but loudly. */
    void competitorCheckFailed(Workload workload, String error) {
        String message = "could not check for another autoscaler (" + error + "); never checked successfully, so "
                + "alertscaler scales it as if there were none, while an HPA may also drive it (a 403 means the "
                + "Role lacks list on horizontalpodautoscalers.autoscaling)";
        LOG.warnf("target=%s ConflictCheckFailed: %s", workload.ref(), message);
        events.record(workload, EventRecorder.Type.WARNING, "ConflictCheckFailed", message);
    }

    void unreadableState(Workload workload, StateCodec.Decoded stored) {
        stored.error().ifPresent(error -> events.record(workload, EventRecorder.Type.WARNING, Problem.INVALID_CONFIG,
                "annotation " + Workload.STATE_ANNOTATION + " was unreadable (" + error
                        + "); replaced, acting as if a scale-up had just happened"));
    }
}

package dev.alertscaler.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.policy.AlertRole;
import dev.alertscaler.policy.Decision;
import dev.alertscaler.policy.TargetState;

/** Tells people what happened to a target: an Event on it, a structured log line and a metric, from one decision. */
@ApplicationScoped
public class ChangeReporter {

    private static final Logger LOG = Logger.getLogger(ChangeReporter.class);

    private final EventSink events;
    private final ScalingMetrics metrics;
    private final Duration alertTtl;
    /** Targets already told about an unknown state version; the state itself cannot hold it, as it is not written. */
    private final Set<String> unknownStatesReported = ConcurrentHashMap.newKeySet();

    public ChangeReporter(EventSink events, ScalingMetrics metrics, AlertscalerConfig config) {
        this.events = events;
        this.metrics = metrics;
        this.alertTtl = config.alertTtl();
    }

    void report(Workload workload, Report report) {
        ObjectRef about = workload.objectRef();
        if (report instanceof Report.Scaled s) {
            scaled(workload, s);
        } else if (report instanceof Report.ProblemFound p) {
            LOG.warnf("target=%s left alone: %s", workload.ref(), p.problem().encoded());
            events.record(about, p.problem().reason(), p.problem().message());
        } else if (report instanceof Report.ProblemCleared p) {
            LOG.infof("target=%s problem cleared: %s", workload.ref(), p.problem());
        } else if (report instanceof Report.ActionTaken a) {
            LOG.infof("oncall target=%s action=%s: %s", workload.ref(), a.action().eventReason(), a.action().eventMessage());
            events.record(about, a.action().eventReason(), a.action().eventMessage());
        } else if (report instanceof Report.PauseEnded p) {
            String message = "pause (%s) by %s ended at %s".formatted(p.pause().direction().label(), p.pause().author(),
                    p.pause().until());
            LOG.infof("target=%s %s: %s", workload.ref(), EventReason.Resumed, message);
            events.record(about, EventReason.Resumed, message);
        } else if (report instanceof Report.HoldEnded h) {
            LOG.infof("target=%s hold at %d by %s ended at %s", workload.ref(), h.hold().replicas(), h.hold().author(),
                    h.hold().until());
        } else if (report instanceof Report.UnreadableStateReplaced u) {
            events.record(about, EventReason.InvalidConfig, "annotation " + Annotations.STATE + " was unreadable ("
                    + u.error() + "); replaced, acting as if a scale-up had just happened");
        } else if (report instanceof Report.CompetitorCheckFailed c) {
            String message = "could not check for another autoscaler (" + c.error() + "); never checked successfully, so "
                    + "alertscaler scales it as if there were none, while an HPA may also drive it (a 403 means the "
                    + "Role lacks list on horizontalpodautoscalers.autoscaling)";
            LOG.warnf("target=%s %s: %s", workload.ref(), EventReason.ConflictCheckFailed, message);
            events.record(about, EventReason.ConflictCheckFailed, message);
        } else if (report instanceof Report.UnknownState u && unknownStatesReported.add(workload.ref() + "@" + u.version())) {
            // once per target and version in this process: the state, left alone, cannot record it
            LOG.warnf("target=%s %s", workload.ref(), u.message());
            events.record(about, EventReason.UnknownState, u.message());
        }
    }

    /** A change of replicas (or, in dry-run, of the shadow replicas). */
    private void scaled(Workload workload, Report.Scaled s) {
        Decision decision = s.decision();
        EventReason reason = s.dryRun() ? EventReason.WouldScale : switch (decision.reason()) {
            case BELOW_MIN, ABOVE_MAX -> EventReason.Bounded;
            case MANUAL_HOLD -> EventReason.ManualScale;
            default -> decision.replicas() > s.from() ? EventReason.ScaledUp : EventReason.ScaledDown;
        };
        String verb = s.dryRun() ? "would scale" : "scaled";
        LOG.infof("%s target=%s from=%d to=%d reason=%s detail=\"%s\"", verb.replace(' ', '_'), workload.ref(), s.from(),
                decision.replicas(), decision.reason().label(), decision.detail());
        events.record(workload.objectRef(), reason,
                "%s %d → %d (%s): %s".formatted(verb, s.from(), decision.replicas(), decision.reason().label(), decision.detail()));
        metrics.scaled(s.from(), decision.replicas(), decision.reason(), s.dryRun());
    }

    /** {@code alertscaler_desired_replicas} and {@code alertscaler_firing_alerts} for the target. */
    void gauges(TargetRef ref, Decision decision, TargetState state, Instant now) {
        metrics.desired(ref, decision.replicas());
        for (AlertRole role : AlertRole.values()) {
            if (role.namesTarget()) {
                metrics.firing(ref, role, (int) state.alerts().values().stream()
                        .filter(a -> a.role() == role && a.firingAt(now, alertTtl)).count());
            }
        }
    }
}

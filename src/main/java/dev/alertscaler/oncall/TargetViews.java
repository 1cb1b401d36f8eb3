package dev.alertscaler.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.kubernetes.StateCodec;
import dev.alertscaler.kubernetes.Workload;
import dev.alertscaler.policy.AlertRecord;
import dev.alertscaler.policy.AlertRole;
import dev.alertscaler.policy.Conditions;
import dev.alertscaler.policy.Decision;
import dev.alertscaler.policy.InvalidSettingException;
import dev.alertscaler.policy.PolicyAnnotations;
import dev.alertscaler.policy.ReplicaCounts;
import dev.alertscaler.policy.ScaleDownRule;
import dev.alertscaler.policy.ScalingPolicy;
import dev.alertscaler.policy.TargetState;
import dev.alertscaler.scaling.HeartbeatMonitor;
import dev.alertscaler.scaling.TargetScaler;

/** Builds {@link TargetView}s: the stored state, explained by the same policy code that acts on it. */
@ApplicationScoped
public class TargetViews {

    private final TargetScaler scaler;
    private final java.time.Duration alertTtl;

    public TargetViews(TargetScaler scaler, AlertscalerConfig config) {
        this.scaler = scaler;
        this.alertTtl = config.alertTtl();
    }

    public TargetView view(Workload workload, HeartbeatMonitor.SignalStatus signal, Instant now) {
        StateCodec.Decoded stored = StateCodec.decode(workload.annotations().get(Workload.STATE_ANNOTATION), now);
        TargetState state = stored.state();
        boolean dryRun = scaler.dryRun(workload.annotations());
        boolean annotationPause = TargetScaler.pausedByAnnotation(workload);
        int real = workload.replicas().current();
        ReplicaCounts counts = scaler.countsFor(workload, state);
        Map<String, TargetView.Setting> settings = new LinkedHashMap<>();
        Decision decision = null;
        TargetView.NextScaleDown next = null;
        String problem = stored.unknownVersion().map(v -> "UnknownState: version " + v + " of "
                + Workload.STATE_ANNOTATION + " is unknown to this build; left alone").or(state::problem).orElse(null);
        // in dry-run a conflict is reported and the decisions are still made
        boolean decides = problem == null || (dryRun && problem.startsWith("Conflict:"));
        TargetState played = scaler.playedState(workload, state);
        try {
            PolicyAnnotations.Resolved resolved = PolicyAnnotations.resolve(scaler.defaults(), workload.annotations());
            ScalingPolicy policy = resolved.policy();
            settings = settings(resolved);
            if (decides) {
                decision = scaler.decider().decide(policy, played, counts, now, new Conditions(signal.lost(), annotationPause));
                next = nextScaleDown(policy, played, counts, now, signal.lost() || annotationPause);
            }
        } catch (InvalidSettingException e) {
            problem = "InvalidConfig: annotation " + e.getMessage();
        }
        return new TargetView(workload.ref().namespace(), workload.ref().kind().plural(), workload.ref().name(),
                real, workload.replicas().ready(),
                state.shadow().map(shadow -> shadow.replicas()).orElse(null),
                decision == null ? null : decision.replicas(),
                decision == null ? null : decision.reason().label(),
                decision == null ? null : decision.detail(),
                settings, firing(state, now),
                state.hold().filter(h -> h.activeAt(now))
                        .map(h -> new TargetView.HoldView(h.replicas(), h.until(), h.author(), h.reason())).orElse(null),
                pause(state, annotationPause, now),
                dryRun, scaler.globalPause(), next,
                played.events().stream().map(e -> new TargetView.ChangeView(e.at(), e.from(), e.to(), e.reason())).toList(),
                problem,
                new TargetView.CompetitorCheckView(state.competitorChecked(), state.competitorCheckFailure().orElse(null)),
                new TargetView.SignalView(signal.watched(), signal.lastSeen().orElse(null), signal.lost()));
    }

    private TargetView.NextScaleDown nextScaleDown(ScalingPolicy policy, TargetState state, ReplicaCounts counts,
            Instant now, boolean frozen) {
        if (frozen || state.hold().filter(h -> h.activeAt(now)).isPresent()) {
            return null;
        }
        Optional<ScaleDownRule.Next> next = scaler.decider().scaleDownRule().next(policy, state, counts, now);
        return next.map(n -> new TargetView.NextScaleDown(n.at(), n.replicas(), counts.current() - n.replicas(), n.detail()))
                .orElse(null);
    }

    private static TargetView.PauseView pause(TargetState state, boolean annotationPause, Instant now) {
        if (annotationPause) {
            return new TargetView.PauseView("both", null, null, "annotation " + TargetScaler.PAUSED_ANNOTATION
                    + "=\"true\" (remove it to resume)", "annotation");
        }
        return state.pause().filter(p -> p.activeAt(now))
                .map(p -> new TargetView.PauseView(p.direction().label(), p.until(), p.author(), p.reason(), "api"))
                .orElse(null);
    }

    private Map<String, List<TargetView.AlertView>> firing(TargetState state, Instant now) {
        Map<String, List<TargetView.AlertView>> byRole = new LinkedHashMap<>();
        for (Map.Entry<String, AlertRecord> e : state.alerts().entrySet()) {
            AlertRecord a = e.getValue();
            if (a.role() != AlertRole.HEARTBEAT && a.firingAt(now, alertTtl)) {
                byRole.computeIfAbsent(a.role().label(), k -> new ArrayList<>()).add(new TargetView.AlertView(
                        e.getKey(), a.startsAt(), a.lastSeen(), a.value().isPresent() ? a.value().getAsDouble() : null));
            }
        }
        return byRole;
    }

    private static Map<String, TargetView.Setting> settings(PolicyAnnotations.Resolved resolved) {
        Map<String, TargetView.Setting> settings = new LinkedHashMap<>();
        PolicyAnnotations.values(resolved.policy()).forEach((name, value) -> settings.put(name,
                new TargetView.Setting(value, resolved.fromAnnotations().contains(name) ? "annotation" : "default")));
        return settings;
    }
}

package dev.alertscaler.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.alertscaler.policy.AlertRecord;
import dev.alertscaler.policy.Decision;
import dev.alertscaler.policy.TargetState;
import dev.alertscaler.scaling.Annotations;
import dev.alertscaler.scaling.HeartbeatMonitor;
import dev.alertscaler.scaling.TargetInspector;
import dev.alertscaler.scaling.Workload;

/** Renders {@link TargetInspector}'s explanation of a target as the on-call API's {@link TargetView}. */
@ApplicationScoped
public class TargetViews {

    private final TargetInspector inspector;

    public TargetViews(TargetInspector inspector) {
        this.inspector = inspector;
    }

    public TargetView view(Workload workload, HeartbeatMonitor.SignalStatus signal, Instant now) {
        TargetInspector.Explanation e = inspector.explain(workload, signal.lost(), now);
        TargetState state = e.state();
        Decision decision = e.decision().orElse(null);
        Map<String, TargetView.Setting> settings = new LinkedHashMap<>();
        e.settings().forEach((name, s) -> settings.put(name,
                new TargetView.Setting(s.value(), s.fromAnnotation() ? "annotation" : "default")));
        return new TargetView(workload.ref().namespace(), workload.ref().kind().plural(), workload.ref().name(),
                workload.replicas().current(), workload.replicas().ready(),
                state.shadow().map(shadow -> shadow.replicas()).orElse(null),
                decision == null ? null : decision.replicas(),
                decision == null ? null : decision.reason().label(),
                decision == null ? null : decision.detail(),
                settings, firing(e.firing()),
                state.hold().filter(h -> h.activeAt(now))
                        .map(h -> new TargetView.HoldView(h.replicas(), h.until(), h.author(), h.reason())).orElse(null),
                pause(e, now),
                e.dryRun(), e.killSwitch(),
                e.nextScaleDown().map(n -> new TargetView.NextScaleDown(n.at(), n.replicas(),
                        e.counts().current() - n.replicas(), n.detail())).orElse(null),
                e.played().events().stream().map(c -> new TargetView.ChangeView(c.at(), c.from(), c.to(), c.reason())).toList(),
                e.problem().orElse(null),
                new TargetView.CompetitorCheckView(state.competitorChecked(), state.competitorCheckFailure().orElse(null)),
                new TargetView.SignalView(signal.watched(), signal.lastSeen().orElse(null), signal.lost()));
    }

    private static TargetView.PauseView pause(TargetInspector.Explanation e, Instant now) {
        if (e.pausedByAnnotation()) {
            return new TargetView.PauseView("both", null, null, "annotation " + Annotations.PAUSED
                    + "=\"true\" (remove it to resume)", "annotation");
        }
        return e.state().pause().filter(p -> p.activeAt(now))
                .map(p -> new TargetView.PauseView(p.direction().label(), p.until(), p.author(), p.reason(), "api"))
                .orElse(null);
    }

    private static Map<String, List<TargetView.AlertView>> firing(Map<String, AlertRecord> firing) {
        Map<String, List<TargetView.AlertView>> byRole = new LinkedHashMap<>();
        firing.forEach((fingerprint, a) -> byRole.computeIfAbsent(a.role().label(), k -> new ArrayList<>())
                .add(new TargetView.AlertView(fingerprint, a.startsAt(), a.lastSeen(),
                        a.value().isPresent() ? a.value().getAsDouble() : null)));
        return byRole;
    }
}

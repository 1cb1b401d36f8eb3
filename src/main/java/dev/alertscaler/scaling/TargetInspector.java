package dev.alertscaler.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.policy.AlertRecord;
import dev.alertscaler.policy.Constraints;
import dev.alertscaler.policy.Decider;
import dev.alertscaler.policy.Decision;
import dev.alertscaler.policy.InvalidSettingException;
import dev.alertscaler.policy.PolicyAnnotations;
import dev.alertscaler.policy.ReplicaCounts;
import dev.alertscaler.policy.ScaleDownRule;
import dev.alertscaler.policy.ScalingPolicy;
import dev.alertscaler.policy.TargetState;

/**
 * Explains a target with the same code that acts on it: its state, each policy setting and where
 * it came from, what the policy decides now, and the next scale-down. Reads nothing itself; views
 * only render what it returns.
 */
@ApplicationScoped
public class TargetInspector {

    private final ScalingPolicy defaults;
    private final Duration alertTtl;
    private final TargetSwitches switches;
    private final Decider decider;
    private final boolean killSwitch;

    public TargetInspector(AlertscalerConfig config) {
        this.defaults = config.defaults().toPolicy();
        this.alertTtl = config.alertTtl();
        this.switches = new TargetSwitches(config.dryRun());
        this.decider = new Decider(alertTtl);
        this.killSwitch = config.paused();
    }

    /** A policy setting's effective value and whether an annotation on the target set it. */
    public record Setting(String value, boolean fromAnnotation) {
    }

    /**
     * A target explained.
     *
     * @param state       as stored
     * @param played      what the policy plays against (in dry-run, with the shadow's history)
     * @param counts      the replicas it plays against (in dry-run, the shadow's)
     * @param settings    each setting by annotation name suffix (empty when an annotation is invalid)
     * @param decision    what the policy decides now, unless the target is left alone
     * @param nextScaleDown the next scale-down if nothing changes meanwhile
     * @param problem     why it is left alone (or, in dry-run, a conflict reported beside the decisions)
     * @param firing      the alerts firing now that name the target, by fingerprint
     */
    public record Explanation(Workload workload, TargetState state, TargetState played, ReplicaCounts counts,
            boolean dryRun, boolean pausedByAnnotation, boolean killSwitch, Map<String, Setting> settings,
            Optional<Decision> decision, Optional<ScaleDownRule.Next> nextScaleDown, Optional<String> problem,
            Map<String, AlertRecord> firing) {
    }

    /**
     * @param signalLost whether the heartbeat is lost now (scale-down frozen)
     */
    public Explanation explain(Workload workload, boolean signalLost, Instant now) {
        StateCodec.Decoded stored = StateCodec.decode(workload.annotations().get(Annotations.STATE), now);
        TargetState state = stored.state();
        boolean dryRun = switches.dryRun(workload);
        boolean annotationPause = TargetSwitches.pausedByAnnotation(workload);
        TargetState played = switches.played(workload, state);
        ReplicaCounts counts = switches.countsFor(workload, state);
        Optional<String> problem = stored.unknownVersion().map(v -> EventReason.UnknownState + ": version " + v + " of "
                + Annotations.STATE + " is unknown to this build; left alone").or(state::problem);
        // in dry-run a conflict is reported and the decisions are still made
        boolean decides = problem.isEmpty()
                || (dryRun && Problem.decode(problem).filter(p -> p.reason() == EventReason.Conflict).isPresent());
        Map<String, Setting> settings = new LinkedHashMap<>();
        Optional<Decision> decision = Optional.empty();
        Optional<ScaleDownRule.Next> next = Optional.empty();
        try {
            PolicyAnnotations.Resolved resolved = PolicyAnnotations.resolve(defaults, workload.annotations());
            ScalingPolicy policy = resolved.policy();
            PolicyAnnotations.values(policy).forEach((name, value) -> settings.put(name,
                    new Setting(value, resolved.fromAnnotations().contains(name))));
            if (decides) {
                decision = Optional.of(decider.decide(policy, played, counts, now, new Constraints(signalLost, annotationPause)));
                boolean frozen = signalLost || annotationPause || played.hold().filter(h -> h.activeAt(now)).isPresent();
                next = frozen ? Optional.empty() : decider.scaleDownRule().next(policy, played, counts, now);
            }
        } catch (InvalidSettingException e) {
            problem = Optional.of(EventReason.InvalidConfig + ": annotation " + e.getMessage());
        }
        Map<String, AlertRecord> firing = new LinkedHashMap<>();
        state.alerts().forEach((fingerprint, alert) -> {
            if (alert.role().namesTarget() && alert.firingAt(now, alertTtl)) {
                firing.put(fingerprint, alert);
            }
        });
        return new Explanation(workload, state, played, counts, dryRun, annotationPause, killSwitch,
                settings, decision, next, problem, firing);
    }
}

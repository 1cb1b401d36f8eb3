package dev.alertscaler.scaling;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.kubernetes.ApiException;
import dev.alertscaler.kubernetes.EventRecorder;
import dev.alertscaler.kubernetes.StateCodec;
import dev.alertscaler.kubernetes.TargetRef;
import dev.alertscaler.kubernetes.Workload;
import dev.alertscaler.kubernetes.WorkloadClient;
import dev.alertscaler.policy.AlertLedger;
import dev.alertscaler.policy.AlertRole;
import dev.alertscaler.policy.AlertSignal;
import dev.alertscaler.policy.Decision;
import dev.alertscaler.policy.InvalidSettingException;
import dev.alertscaler.policy.PolicyAnnotations;
import dev.alertscaler.policy.ScaleUpRule;
import dev.alertscaler.policy.ScalingPolicy;
import dev.alertscaler.policy.TargetState;

/**
 * Reads a target, records its alerts, asks the policy, and writes replicas and state in one
 * update guarded by {@code resourceVersion}. On a conflict it reads and decides again, so that two
 * instances (or two concurrent notifications) apply each change once.
 */
@ApplicationScoped
public class TargetScaler {

    private static final Logger LOG = Logger.getLogger(TargetScaler.class);

    /** Reads-and-decides per target before giving up on conflicts (then Alertmanager retries). */
    static final int MAX_ATTEMPTS = 5;

    private final WorkloadClient workloads;
    private final EventRecorder events;
    private final ScalingMetrics metrics;
    private final Clock clock;
    private final ScalingPolicy defaults;
    private final AlertLedger ledger;
    private final ScaleUpRule scaleUp;
    private final java.time.Duration alertTtl;

    public TargetScaler(WorkloadClient workloads, EventRecorder events, ScalingMetrics metrics, Clock clock,
            AlertscalerConfig config) {
        this.workloads = workloads;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.defaults = config.defaults().toPolicy();
        this.alertTtl = config.alertTtl();
        this.ledger = new AlertLedger(alertTtl);
        this.scaleUp = new ScaleUpRule(alertTtl);
    }

    /**
     * Records the signals on the target and applies the policy's decision.
     *
     * @param deadline after it, no further API call is started and the outcome is {@code RETRY}
     */
    public TargetOutcome apply(TargetRef ref, List<AlertSignal> signals, Instant now, Instant deadline) {
        TargetOutcome outcome = applyOnce(ref, signals, now, deadline);
        if (outcome.status() == TargetOutcome.Status.RETRY || outcome.status() == TargetOutcome.Status.FAILED) {
            LOG.warnf("target=%s outcome=%s: %s", ref, outcome.status().label(), outcome.message());
        }
        return outcome;
    }

    private TargetOutcome applyOnce(TargetRef ref, List<AlertSignal> signals, Instant now, Instant deadline) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                return attempt(ref, signals, now, deadline);
            } catch (ApiException e) {
                switch (e.kind()) {
                    case CONFLICT -> LOG.debugf("conflict on %s (attempt %d), deciding again", ref, attempt);
                    case TRANSIENT -> {
                        return TargetOutcome.retry(e.getMessage());
                    }
                    default -> {
                        return new TargetOutcome(TargetOutcome.Status.FAILED, e.getMessage(), null, null);
                    }
                }
            } catch (TimeoutException | CircuitBreakerOpenException e) {
                return TargetOutcome.retry("Kubernetes API unavailable for " + ref + ": " + e.getMessage());
            } catch (OutOfTime e) {
                return TargetOutcome.retry("out of time for this notification; " + ref + " not done");
            }
        }
        return TargetOutcome.retry(ref + " kept changing under us (" + MAX_ATTEMPTS + " conflicts)");
    }

    private TargetOutcome attempt(TargetRef ref, List<AlertSignal> signals, Instant now, Instant deadline) {
        checkTime(deadline);
        Optional<Workload> found = workloads.get(ref);
        if (found.isEmpty()) {
            return TargetOutcome.ignored(ref + " does not exist");
        }
        Workload workload = found.get();
        if (!workload.optedIn()) {
            return TargetOutcome.ignored(ref + " is not opted in (label " + Workload.ENABLED_LABEL + "=\"true\")");
        }
        ScalingPolicy policy;
        try {
            policy = PolicyAnnotations.resolve(defaults, workload.annotations()).policy();
        } catch (InvalidSettingException e) {
            events.record(workload, EventRecorder.Type.WARNING, "InvalidConfig",
                    "annotation " + e.getMessage() + "; target skipped");
            return TargetOutcome.ignored("invalid annotation " + e.getMessage());
        }
        StateCodec.Decoded stored = StateCodec.decode(workload.annotations().get(Workload.STATE_ANNOTATION), now);
        TargetState next = ledger.record(stored.state(), signals, now);
        int from = workload.replicas().current();
        Decision decision = scaleUp.decide(policy, next, workload.replicas(), now);
        if (decision.replicas() != from) {
            next = next.withChange(now, from, decision.replicas()).withoutEventsBefore(now.minus(policy.eventRetention()));
        }
        publishGauges(ref, next, decision, now);
        if (decision.replicas() == from && next.equals(stored.state()) && stored.error().isEmpty()) {
            return new TargetOutcome(TargetOutcome.Status.UNCHANGED, decision.detail(), from, decision);
        }
        checkTime(deadline);
        workloads.update(workload, decision.replicas(), StateCodec.encode(next, stored.raw()));
        stored.error().ifPresent(error -> events.record(workload, EventRecorder.Type.WARNING, "InvalidConfig",
                "annotation " + Workload.STATE_ANNOTATION + " was unreadable (" + error
                        + "); replaced, acting as if a scale-up had just happened"));
        if (decision.replicas() != from) {
            report(workload, from, decision);
        }
        return new TargetOutcome(TargetOutcome.Status.APPLIED, decision.detail(), from, decision);
    }

    private void checkTime(Instant deadline) {
        if (clock.instant().isAfter(deadline)) {
            throw new OutOfTime();
        }
    }

    /** No time left to start another API call for this notification. */
    private static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super(null, null, false, false);
        }
    }

    private void report(Workload workload, int from, Decision decision) {
        String reason = switch (decision.reason()) {
            case BELOW_MIN, ABOVE_MAX -> "Bounded";
            default -> decision.replicas() > from ? "ScaledUp" : "ScaledDown";
        };
        String message = "scaled %d → %d (%s): %s".formatted(from, decision.replicas(), decision.reason().label(),
                decision.detail());
        LOG.infof("scaled target=%s from=%d to=%d reason=%s detail=\"%s\"", workload.ref(), from,
                decision.replicas(), decision.reason().label(), decision.detail());
        events.record(workload, EventRecorder.Type.NORMAL, reason, message);
        metrics.scaled(decision.reason());
    }

    private void publishGauges(TargetRef ref, TargetState state, Decision decision, Instant now) {
        metrics.desired(ref, decision.replicas());
        for (AlertRole role : List.of(AlertRole.SCALE_UP, AlertRole.HOLD)) {
            metrics.firing(ref, role, (int) state.alerts().values().stream()
                    .filter(a -> a.role() == role && a.firingAt(now, alertTtl)).count());
        }
    }
}

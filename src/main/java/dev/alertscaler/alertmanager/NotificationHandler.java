package dev.alertscaler.alertmanager;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.config.WebhookConfig;
import dev.alertscaler.scaling.ApiException;
import dev.alertscaler.scaling.HeartbeatMonitor;
import dev.alertscaler.scaling.TargetRef;
import dev.alertscaler.policy.AlertSignal;
import dev.alertscaler.scaling.TargetOutcome;
import dev.alertscaler.scaling.Namespaces;
import dev.alertscaler.scaling.ScaleJob;
import dev.alertscaler.scaling.TargetStore;
import dev.alertscaler.scaling.TargetScaler;

/**
 * Handles one notification: maps each alert by its own status and labels, then handles each
 * target once with all of its alerts (one read — none when the watch cache holds the target — and
 * at most one write per target), several targets at a time ({@link TargetPool}).
 */
@ApplicationScoped
public class NotificationHandler {

    private final TargetScaler scaler;
    private final AlertMapper mapper;
    private final Clock clock;
    private final WebhookConfig config;
    private final HeartbeatMonitor heartbeat;
    private final TargetStore targets;
    private final WebhookMetrics metrics;
    private final TargetPool perTarget;

    public NotificationHandler(TargetScaler scaler, HeartbeatMonitor heartbeat, TargetStore targets, Namespaces namespaces,
            Clock clock, AlertscalerConfig config, WebhookMetrics metrics) {
        this.scaler = scaler;
        this.metrics = metrics;
        this.targets = targets;
        this.heartbeat = heartbeat;
        this.clock = clock;
        this.mapper = new AlertMapper(namespaces);
        this.config = config.webhook();
        this.perTarget = new TargetPool(this.config.targetConcurrency());
    }

    @PreDestroy
    void stop() {
        perTarget.close();
    }

    /**
     * The outcome of each alert.
     *
     * @param retry whether any target failed transiently, so that Alertmanager should send it again
     */
    public record Result(boolean retry, List<AlertOutcome> alerts) {
    }

    private TargetOutcome beat(Instant now) {
        if (scaler.killSwitch()) {
            return TargetOutcome.ignored("alertscaler.paused is on: nothing is written, the heartbeat neither");
        }
        try {
            boolean written = heartbeat.beat(now);
            return new TargetOutcome(written ? TargetOutcome.Status.APPLIED : TargetOutcome.Status.UNCHANGED,
                    "heartbeat recorded at " + now, null, null);
        } catch (ApiException | TimeoutException | CircuitBreakerOpenException e) {
            return TargetOutcome.retry("heartbeat not recorded: " + e.getMessage());
        }
    }

    public Result handle(WebhookPayload payload) {
        Instant now = clock.instant();
        Instant deadline = now.plus(config.deadline());
        List<WebhookPayload.Alert> alerts = payload.alerts() == null ? List.of() : payload.alerts();
        Map<TargetRef, List<AlertSignal>> byTarget = new LinkedHashMap<>();
        List<Map.Entry<WebhookPayload.Alert, AlertMapper.Mapped>> mapped = new ArrayList<>();
        for (WebhookPayload.Alert alert : alerts) {
            AlertMapper.Mapped m = mapper.map(alert);
            mapped.add(Map.entry(alert, m));
            if (m instanceof AlertMapper.Targeted t) {
                byTarget.computeIfAbsent(t.target(), k -> new ArrayList<>()).add(t.signal());
            }
        }
        Map<TargetRef, TargetOutcome> outcomes = perTarget.run(byTarget, (target, signals) ->
                scaler.run(new ScaleJob.Notification(target, targets.cached(target).orElse(null), signals,
                        () -> heartbeat.frozenBecause(now), now, deadline)));
        TargetOutcome heartbeatOutcome = mapped.stream().anyMatch(e -> e.getValue() instanceof AlertMapper.Heartbeat)
                ? beat(now) : null;

        List<AlertOutcome> answer = new ArrayList<>();
        boolean retry = false;
        for (Map.Entry<WebhookPayload.Alert, AlertMapper.Mapped> entry : mapped) {
            WebhookPayload.Alert alert = entry.getKey();
            if (entry.getValue() instanceof AlertMapper.Targeted t) {
                TargetOutcome o = outcomes.get(t.target());
                retry |= o.status() == TargetOutcome.Status.RETRY;
                switch (o.status()) {
                    case NOT_FOUND -> metrics.ignored(IgnoredBecause.NOT_A_TARGET);
                    case IGNORED -> metrics.ignored(IgnoredBecause.LEFT_ALONE);
                    default -> { }
                }
                answer.add(new AlertOutcome(alert.fingerprint(), alert.alertname(), t.target().toString(),
                        o.status().label(), o.message(),
                        o.decision() == null ? null : o.decision().reason().label(),
                        o.from(), o.decision() == null ? null : o.decision().replicas()));
            } else if (entry.getValue() instanceof AlertMapper.Heartbeat) {
                retry |= heartbeatOutcome.status() == TargetOutcome.Status.RETRY;
                answer.add(new AlertOutcome(alert.fingerprint(), alert.alertname(), null,
                        heartbeatOutcome.status().label(), heartbeatOutcome.message(), null, null, null));
            } else {
                AlertMapper.Ignored ignored = (AlertMapper.Ignored) entry.getValue();
                metrics.ignored(ignored.kind());
                answer.add(new AlertOutcome(alert.fingerprint(), alert.alertname(), null,
                        TargetOutcome.Status.IGNORED.label(), ignored.reason(), null, null, null));
            }
        }
        return new Result(retry, answer);
    }
}

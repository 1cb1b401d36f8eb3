package dev.alertscaler.alertmanager;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What became of one alert of a notification, as answered to Alertmanager (and shown to whoever
 * replays a notification with curl).
 *
 * @param outcome  applied, unchanged, ignored, failed or retry
 * @param decision the policy's reason ({@code step}, {@code period_not_elapsed}, …) when it decided
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertOutcome(
        String fingerprint,
        String alertname,
        String target,
        String outcome,
        String reason,
        String decision,
        Integer fromReplicas,
        Integer toReplicas) {
}

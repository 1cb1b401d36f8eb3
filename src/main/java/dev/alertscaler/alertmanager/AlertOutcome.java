package dev.alertscaler.alertmanager;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What became of one alert of a notification, as answered to Alertmanager (and shown to whoever
 * replays a notification with curl).
 *
 * @param outcome applied, unchanged, ignored, failed or retry
 * @param message why, in words (JSON {@code reason}, as the answer has always called it)
 * @param reason  the policy's reason label ({@code step}, {@code period_not_elapsed}, …) when it
 *                decided (JSON {@code decision})
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertOutcome(
        String fingerprint,
        String alertname,
        String target,
        String outcome,
        @JsonProperty("reason") String message,
        @JsonProperty("decision") String reason,
        Integer fromReplicas,
        Integer toReplicas) {
}

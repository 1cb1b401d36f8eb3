package dev.alertscaler.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertscaler.config.OncallConfig;
import dev.alertscaler.policy.Pause;
import dev.alertscaler.policy.PolicyAnnotations;
import dev.alertscaler.scaling.OncallAction;

/**
 * The body of an on-call request, read field by field so that every error names its field:
 * {@code {replicas, reason, holdFor, force}} or {@code {reason, until, direction}}.
 */
final class OncallRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode json;
    private final OncallConfig limits;
    private final Instant now;

    private OncallRequest(JsonNode json, OncallConfig limits, Instant now) {
        this.json = json;
        this.limits = limits;
        this.now = now;
    }

    /** @throws OncallAction.InvalidRequest when the body is not a JSON object */
    static OncallRequest parse(String body, OncallConfig limits, Instant now) {
        return new OncallRequest(json(body), limits, now);
    }

    Instant now() {
        return now;
    }

    int replicas() {
        JsonNode replicas = json.get("replicas");
        if (replicas == null || !replicas.isIntegralNumber() || !replicas.canConvertToInt() || replicas.asInt() < 0) {
            throw new OncallAction.InvalidRequest("replicas", "replicas must be a whole number ≥ 0");
        }
        return replicas.asInt();
    }

    boolean force() {
        return json.path("force").asBoolean(false);
    }

    String reason() {
        return reason(json);
    }

    Duration holdFor() {
        return duration(json, "holdFor", limits.defaultHold(), limits.maxOverride());
    }

    Instant until() {
        return until(json, now, limits.defaultPause(), limits.maxOverride());
    }

    Pause.Direction direction() {
        String text = json.path("direction").asText("both");
        return Pause.Direction.fromLabel(text).orElseThrow(() ->
                new OncallAction.InvalidRequest("direction", "direction must be both, up or down, not \"" + text + "\""));
    }

    private static JsonNode json(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new OncallAction.InvalidRequest("body", "the body must be a JSON object");
            }
            return json;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new OncallAction.InvalidRequest("body", "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The longest reason accepted: it is stored in the target's state annotation and copied into
     * Event messages and log lines, all of which have limits of their own (an annotation's 256 KiB
     * for the whole state; Events are meant to be short). A ticket reference and a sentence fit.
     */
    static final int MAX_REASON_CHARS = 500;

    private static String reason(JsonNode json) {
        String reason = json.path("reason").asText("").strip();
        if (reason.isEmpty()) {
            throw new OncallAction.InvalidRequest("reason", "reason is required: say why, for whoever reads the Event at 3 a.m.");
        }
        if (reason.length() > MAX_REASON_CHARS) {
            throw new OncallAction.InvalidRequest("reason", "reason is " + reason.length() + " characters; at most "
                    + MAX_REASON_CHARS + " (a ticket and a sentence)");
        }
        // a line break or another control character would forge a line in the log and the Event
        if (reason.chars().anyMatch(Character::isISOControl)) {
            throw new OncallAction.InvalidRequest("reason", "reason must be one line without control characters");
        }
        return reason;
    }

    private static Duration duration(JsonNode json, String field, Duration fallback, Duration max) {
        if (!json.hasNonNull(field)) {
            return fallback;
        }
        Duration d;
        try {
            d = PolicyAnnotations.parseDuration(json.get(field).asText());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new OncallAction.InvalidRequest(field, field + " must be a duration such as 30m or PT30M");
        }
        if (d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
            throw new OncallAction.InvalidRequest(field, field + " must be positive and at most " + max);
        }
        return d;
    }

    private static Instant until(JsonNode json, Instant now, Duration fallback, Duration max) {
        if (!json.hasNonNull("until")) {
            return now.plus(fallback);
        }
        Instant until;
        try {
            until = Instant.parse(json.get("until").asText());
        } catch (DateTimeParseException e) {
            throw new OncallAction.InvalidRequest("until", "until must be a UTC time such as 2026-11-28T04:00:00Z");
        }
        if (!until.isAfter(now) || until.isAfter(now.plus(max))) {
            throw new OncallAction.InvalidRequest("until", "until must be in the future and at most "
                    + max + " away");
        }
        return until;
    }
}

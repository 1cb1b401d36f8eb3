package dev.alertscaler.scaling;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertscaler.policy.AlertRecord;
import dev.alertscaler.policy.AlertRole;
import dev.alertscaler.policy.ManualHold;
import dev.alertscaler.policy.Pause;
import dev.alertscaler.policy.ScaleEvent;
import dev.alertscaler.policy.Shadow;
import dev.alertscaler.policy.TargetState;

/**
 * Reads and writes the {@code alertscaler.dev/state} annotation: versioned JSON that keeps the
 * fields it does not know, so that two versions of alertscaler can run side by side. The
 * {@code version} changes only with an incompatible format; a state of a version this build does
 * not know is reported as such and must be left alone, never overwritten.
 */
public final class StateCodec {

    /** The format written, and the only one this build reads (absent counts as 1). */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StateCodec() {
    }

    /**
     * A state read from the annotation.
     *
     * @param raw            the JSON as stored, to carry unknown fields over into the next write
     * @param error          why the stored state could not be read, when it could not
     * @param unknownVersion the stored {@code version}, when this build does not know it: then the
     *                       state is not read, and must not be written
     */
    public record Decoded(TargetState state, ObjectNode raw, Optional<String> error, Optional<String> unknownVersion) {

        Decoded(TargetState state, ObjectNode raw, Optional<String> error) {
            this(state, raw, error, Optional.empty());
        }
    }

    /** Decodes the annotation; a corrupt one gives the conservative state and the reason. */
    public static Decoded decode(String json, Instant now) {
        if (json == null || json.isBlank()) {
            return new Decoded(TargetState.EMPTY, JsonNodeFactory.instance.objectNode(), Optional.empty());
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonNode version = object.get("version");
            if (version != null && !(version.isIntegralNumber() && version.asInt() == VERSION)) {
                return new Decoded(TargetState.conservative(now), object, Optional.empty(), Optional.of(version.toString()));
            }
            return new Decoded(read(object), object, Optional.empty());
        } catch (JsonProcessingException | RuntimeException e) {
            String reason = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            return new Decoded(TargetState.conservative(now), JsonNodeFactory.instance.objectNode(),
                    Optional.of(String.valueOf(reason)));
        }
    }

    /** Encodes the state over the raw JSON it was read from, keeping fields this version does not know. */
    public static String encode(TargetState state, ObjectNode raw) {
        ObjectNode out = raw.deepCopy();
        out.put("version", VERSION);
        ObjectNode rawAlerts = raw.get("alerts") instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        ObjectNode alerts = out.putObject("alerts");
        state.alerts().forEach((fingerprint, alert) -> {
            ObjectNode a = rawAlerts.get(fingerprint) instanceof ObjectNode o ? o.deepCopy() : alerts.objectNode();
            a.put("role", alert.role().label());
            a.put("startsAt", alert.startsAt().toString());
            a.put("lastSeen", alert.lastSeen().toString());
            StateFields.putInstant(a, "endedAt", alert.endedAt());
            if (alert.value().isPresent()) {
                a.put("value", alert.value().getAsDouble());
            } else {
                a.remove("value");
            }
            alerts.set(fingerprint, a);
        });
        StateFields.putInstant(out, "lastScaleUp", state.lastScaleUp());
        StateFields.putInstant(out, "lastScaleDown", state.lastScaleDown());
        StateFields.putInstant(out, "lastAlertEnd", state.lastAlertEnd());
        StateFields.putInstant(out, "since", state.since());
        if (state.problem().isPresent()) {
            out.put("problem", state.problem().get());
        } else {
            out.remove("problem");
        }
        StateFields.putEvents(out.putArray("events"), state.events());
        if (state.hold().isPresent()) {
            ManualHold h = state.hold().get();
            out.putObject("hold").put("replicas", h.replicas()).put("until", h.until().toString())
                    .put("author", h.author()).put("reason", h.reason());
        } else {
            out.remove("hold");
        }
        if (state.pause().isPresent()) {
            Pause p = state.pause().get();
            out.putObject("pause").put("direction", p.direction().label()).put("until", p.until().toString())
                    .put("author", p.author()).put("reason", p.reason());
        } else {
            out.remove("pause");
        }
        // a build before the separate shadow history wrote shadowReplicas; its presence means such a
        // build wrote last, so it is read in place of "shadow" and replaced by it here
        out.remove("shadowReplicas");
        if (state.shadow().isPresent()) {
            Shadow shadow = state.shadow().get();
            ObjectNode sh = out.putObject("shadow").put("replicas", shadow.replicas());
            StateFields.putEvents(sh.putArray("events"), shadow.events());
            StateFields.putInstant(sh, "lastScaleUp", shadow.lastScaleUp());
            StateFields.putInstant(sh, "lastScaleDown", shadow.lastScaleDown());
        } else {
            out.remove("shadow");
        }
        if (state.competitorChecked()) {
            out.put("competitorChecked", true);
        } else {
            out.remove("competitorChecked");
        }
        if (state.competitorCheckFailure().isPresent()) {
            out.put("competitorCheckFailure", state.competitorCheckFailure().get());
        } else {
            out.remove("competitorCheckFailure");
        }
        return out.toString();
    }

    private static TargetState read(ObjectNode node) {
        Map<String, AlertRecord> alerts = new TreeMap<>();
        JsonNode alertsNode = node.path("alerts");
        for (Iterator<Map.Entry<String, JsonNode>> it = alertsNode.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode a = entry.getValue();
            AlertRole role = AlertRole.fromLabel(a.path("role").asText())
                    .orElseThrow(() -> new IllegalArgumentException("unknown role " + a.path("role")));
            alerts.put(entry.getKey(), new AlertRecord(role, StateFields.instant(a, "startsAt").orElseThrow(StateFields.missing("startsAt")),
                    StateFields.instant(a, "lastSeen").orElseThrow(StateFields.missing("lastSeen")), StateFields.instant(a, "endedAt"),
                    a.path("value").isNumber() ? OptionalDouble.of(a.path("value").asDouble()) : OptionalDouble.empty()));
        }
        List<ScaleEvent> events = StateFields.events(node.path("events"));
        Optional<Instant> lastScaleUp = StateFields.instant(node, "lastScaleUp");
        Optional<Instant> lastScaleDown = StateFields.instant(node, "lastScaleDown");
        Optional<Shadow> shadow = Optional.empty();
        if (node.path("shadowReplicas").isInt()) {
            // written by a build whose dry-run kept its history in the real fields: that history is
            // the shadow's, and the real one since dry-run began is unknown (empty)
            shadow = Optional.of(new Shadow(node.get("shadowReplicas").asInt(), events, lastScaleUp, lastScaleDown));
            events = List.of();
            lastScaleUp = Optional.empty();
            lastScaleDown = Optional.empty();
        } else if (node.path("shadow").isObject()) {
            JsonNode sh = node.get("shadow");
            shadow = Optional.of(new Shadow(sh.path("replicas").asInt(), StateFields.events(sh.path("events")),
                    StateFields.instant(sh, "lastScaleUp"), StateFields.instant(sh, "lastScaleDown")));
        }
        JsonNode h = node.path("hold");
        Optional<ManualHold> hold = h.isObject()
                ? Optional.of(new ManualHold(h.path("replicas").asInt(), StateFields.instant(h, "until").orElseThrow(StateFields.missing("hold.until")),
                        h.path("author").asText(), h.path("reason").asText()))
                : Optional.empty();
        JsonNode p = node.path("pause");
        Optional<Pause> pause = p.isObject()
                ? Optional.of(new Pause(Pause.Direction.fromLabel(p.path("direction").asText())
                        .orElseThrow(() -> new IllegalArgumentException("unknown pause direction " + p.path("direction"))),
                        StateFields.instant(p, "until").orElseThrow(StateFields.missing("pause.until")), p.path("author").asText(),
                        p.path("reason").asText()))
                : Optional.empty();
        return new TargetState(alerts, lastScaleUp, lastScaleDown,
                StateFields.instant(node, "lastAlertEnd"), events, StateFields.instant(node, "since"), StateFields.text(node, "problem"),
                hold, pause, shadow, node.path("competitorChecked").asBoolean(false), StateFields.text(node, "competitorCheckFailure"));
    }
}

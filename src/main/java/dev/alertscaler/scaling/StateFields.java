package dev.alertscaler.scaling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertscaler.policy.ScaleEvent;

/** The state annotation's field formats, for {@link StateCodec}: instants as ISO text, absent fields removed. */
final class StateFields {

    private StateFields() {
    }

    static void putEvents(ArrayNode array, List<ScaleEvent> events) {
        for (ScaleEvent event : events) {
            ObjectNode e = array.addObject().put("at", event.at().toString()).put("from", event.from()).put("to", event.to());
            if (event.reason() != null) {
                e.put("reason", event.reason());
            }
        }
    }

    static List<ScaleEvent> events(JsonNode array) {
        List<ScaleEvent> events = new ArrayList<>();
        for (JsonNode e : array) {
            events.add(new ScaleEvent(instant(e, "at").orElseThrow(missing("at")),
                    e.path("from").asInt(), e.path("to").asInt(), e.hasNonNull("reason") ? e.get("reason").asText() : null));
        }
        return events;
    }

    static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    static Optional<Instant> instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(Instant.parse(value.asText()));
    }

    static Supplier<IllegalArgumentException> missing(String field) {
        return () -> new IllegalArgumentException("missing " + field);
    }

    static void putInstant(ObjectNode node, String field, Optional<Instant> value) {
        if (value.isPresent()) {
            node.put(field, value.get().toString());
        } else {
            node.remove(field);
        }
    }
}

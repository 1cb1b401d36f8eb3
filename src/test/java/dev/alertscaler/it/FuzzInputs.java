package dev.alertscaler.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fuzzer's inputs, all drawn from one seeded {@link Random}: notifications and on-call
 * requests, each either valid, invalid by the contract (then it must write nothing), or mutated at
 * random bytes (then only its answer is checked: a byte flip may leave it valid).
 */
final class FuzzInputs {

    static final int TARGETS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request; {@code invalid}: the contract says it must change nothing. */
    record Input(String kind, String method, String path, String body, boolean invalid) {
    }

    private static final String[] BAD_ROLES = {"Scale-up", "scale-up ", " hold", "hold\u0000", "hold\n", "scale_up", "",
            "heartbeat\u200b", "\uff48old", "SCALE-UP", "scale-up\t", "hold,scale-up"};
    private static final String[] BAD_NAMES = {"fuzz-1/scale", "fuzz-1?x=1", "fuzz-1#f", "FUZZ-1", "fuzz-1\u200b", "..", ".",
            "fuzz-1%2Fscale", "a".repeat(300), "", " fuzz-1", "fuzz-1/status", "fuzz_1", "-fuzz-1", "fuzz-1\n"};
    private static final String[] STRUCTURES = {"", "null", "[]", "\"x\"", "1", "{}", "{\"version\":\"4\"}",
            "{\"version\":\"4\",\"alerts\":null}", "{\"version\":\"4\",\"alerts\":[null]}", "{\"version\":\"4\",\"alerts\":1}",
            "{\"version\":\"4\",\"alerts\":[1]}", "{\"version\":\"4\",\"alerts\":[[]]}", "{\"version\":\"4\",\"alerts\":{}}",
            "{\"version\":\"5\",\"alerts\":[]}", "{\"version\":4,\"alerts\":[]}", "{\"version\":null,\"alerts\":[]}",
            "{\"version\":\"4\",\"alerts\":[{\"labels\":null}]}", "{\"version\":\"4\",\"alerts\":[{\"labels\":[]}]}",
            "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"namespace\":[]}}]}"};

    private final Random random;
    private final Instant startsAt;

    FuzzInputs(Random random, Instant startsAt) {
        this.random = random;
        this.startsAt = startsAt;
    }

    Input notification() {
        String target = "fuzz-" + random.nextInt(TARGETS);
        String role = pick("scale-up", "scale-up", "hold", "heartbeat");
        return switch (random.nextInt(10)) {
            case 0, 1 -> webhook("valid", alert("firing", "default", target, role, Map.of()), false);
            case 2 -> webhook("role", alert("firing", "default", target, pick(BAD_ROLES), Map.of()), true);
            // (a heartbeat names no target: its labels may be anything)
            case 3 -> webhook("name", alert("firing", "default", pick(BAD_NAMES), pick("scale-up", "hold"), Map.of()), true);
            case 4 -> webhook("namespace", alert("firing", pick(BAD_NAMES), target, pick("scale-up", "hold"), Map.of()), true);
            case 5 -> webhook("structure", pick(STRUCTURES), true);
            case 6 -> {
                String whole = alert("firing", "default", target, role, Map.of());
                yield webhook("truncated", whole.substring(0, random.nextInt(whole.length())), true);
            }
            case 7 -> webhook("nesting", "{\"version\":\"4\",\"alerts\":" + "[".repeat(5000 + random.nextInt(50000)) + "]", true);
            case 8 -> webhook("status", alert(pick("FIRING", "firing ", "", "pending", "resolved\u0000"), "default", target, role,
                    Map.of()), true);
            default -> webhook("bytes", flip(alert("firing", "default", target, role,
                    Map.of("summary", "x".repeat(random.nextInt(200_000))))), false);
        };
    }

    Input oncall() {
        String base = "/targets/default/deployments/fuzz-" + random.nextInt(TARGETS);
        return switch (random.nextInt(8)) {
            case 0 -> new Input("oncall-valid", "PUT", base + "/replicas", "{\"replicas\":" + (1 + random.nextInt(50))
                    + ",\"reason\":\"fuzz\",\"holdFor\":\"10m\"}", false);
            case 1 -> new Input("oncall-replicas", "PUT", base + "/replicas", "{\"replicas\":" + pick("-1", "0.5", "\"3\"", "null",
                    "1e9", "[]", "99999999999") + ",\"reason\":\"fuzz\"}", true);
            case 2 -> new Input("oncall-reason", "PUT", base + "/replicas", "{\"replicas\":2,\"reason\":"
                    + quote(pick("x".repeat(501), "two\nlines", "nul\u0000", "", "\u001b[31m")) + "}", true);
            case 3 -> new Input("oncall-duration", "PUT", base + "/replicas", "{\"replicas\":2,\"reason\":\"fuzz\",\"holdFor\":"
                    + quote(pick("forever", "-5m", "10 minutes", "99999h", "", "PT1H\u0000", "10m\u0000")) + "}", true);
            case 4 -> new Input("oncall-pause", "PUT", base + "/pause", "{\"reason\":\"fuzz\",\"direction\":"
                    + quote(pick("sideways", "UP", "", "both\u0000")) + "}", true);
            case 5 -> new Input("oncall-path", "PUT", "/targets/" + pick("default/deployments/FUZZ-1", "default/pods/fuzz-1",
                    "Default/deployments/fuzz-1", "default/deployments/fuzz-1%2Fscale", "default/deployments/fuzz-1%00",
                    "default/deployments/" + "a".repeat(300)) + "/replicas", "{\"replicas\":2,\"reason\":\"fuzz\"}", true);
            case 6 -> new Input("oncall-body", "PUT", base + "/replicas", flip("{\"replicas\":2,\"reason\":\"fuzz\"}"), false);
            default -> new Input("oncall-resume", "DELETE", base + "/pause", null, false);
        };
    }

    private Input webhook(String kind, String body, boolean invalid) {
        return new Input(kind, "POST", "/alertmanager", body, invalid);
    }

    private String alert(String status, String namespace, String name, String role, Map<String, String> annotations) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "HAProxyBackendQueueHigh");
        labels.put("namespace", namespace);
        labels.put("deployment", name);
        labels.put("alertscaler_role", role);
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", status);
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", "0001-01-01T00:00:00Z");
        alert.put("fingerprint", "fp-" + random.nextInt(1000));
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("version", "4");
        notification.put("status", "firing");
        notification.put("receiver", "alertscaler");
        notification.put("alerts", List.of(alert));
        return write(notification);
    }

    /** Up to eight characters replaced, inserted or removed at random places. */
    private String flip(String text) {
        StringBuilder s = new StringBuilder(text);
        for (int i = 0, n = 1 + random.nextInt(8); i < n && s.length() > 0; i++) {
            int at = random.nextInt(s.length());
            char c = (char) (random.nextBoolean() ? random.nextInt(128) : random.nextInt(0x3000));
            switch (random.nextInt(3)) {
                case 0 -> s.setCharAt(at, c);
                case 1 -> s.insert(at, c);
                default -> s.deleteCharAt(at);
            }
        }
        return s.toString();
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String quote(String text) {
        return write(text);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For failure messages: control characters escaped, at most 300 characters. */
    static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        List<String> parts = new ArrayList<>();
        text.codePoints().limit(300).forEach(c -> parts.add(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return String.join("", parts) + (text.length() > 300 ? "… (" + text.length() + " chars)" : "");
    }
}

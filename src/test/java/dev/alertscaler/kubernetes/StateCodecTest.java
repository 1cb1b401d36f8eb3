package dev.alertscaler.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.alertscaler.policy.AlertRecord;
import dev.alertscaler.policy.AlertRole;
import dev.alertscaler.policy.ManualHold;
import dev.alertscaler.policy.Pause;
import dev.alertscaler.policy.ScaleEvent;
import dev.alertscaler.policy.TargetState;

class StateCodecTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.123456789Z");

    private final TargetState state = new TargetState(
            Map.of("fp1", new AlertRecord(AlertRole.SCALE_UP, T0.minusSeconds(60), T0, Optional.empty(), OptionalDouble.of(42.5)),
                    "fp2", new AlertRecord(AlertRole.HOLD, T0.minusSeconds(90), T0.minusSeconds(30), Optional.of(T0), OptionalDouble.empty())),
            Optional.of(T0), Optional.empty(), Optional.of(T0.minusSeconds(600)),
            List.of(new ScaleEvent(T0, 1, 3, "step")), Optional.of(T0.minusSeconds(3600)), Optional.of("Conflict: hpa/app"),
            Optional.of(new ManualHold(5, T0.plusSeconds(1800), "alice", "deploy freeze")),
            Optional.of(new Pause(Pause.Direction.DOWN, T0.plusSeconds(600), "bob", "incident 42")),
            OptionalInt.of(4));

    @Test
    void aStateReadsBackEqual() {
        String json = StateCodec.encode(state, StateCodec.decode(null, T0).raw());
        StateCodec.Decoded back = StateCodec.decode(json, T0);
        assertEquals(Optional.empty(), back.error());
        assertEquals(state, back.state());
        assertTrue(json.contains("\"version\":1"), json);
    }

    @Test
    void fieldsThisVersionDoesNotKnowAreKept() {
        String fromNewerVersion = """
                {"version":2,"shadowReplicas":4,"alerts":{"fp1":{"role":"scale-up","startsAt":"2026-11-28T09:59:00Z",
                "lastSeen":"2026-11-28T10:00:00Z","silenced":false}},"events":[]}""";
        StateCodec.Decoded decoded = StateCodec.decode(fromNewerVersion, T0);
        String written = StateCodec.encode(decoded.state().withChange(T0, 1, 3, dev.alertscaler.policy.Reason.STEP), decoded.raw());
        assertTrue(written.contains("\"shadowReplicas\":4"), written);
        assertTrue(written.contains("\"silenced\":false"), written);
        assertEquals(Optional.of(T0), StateCodec.decode(written, T0).state().lastScaleUp());
    }

    @Test
    void aCorruptStateIsReadAsIfAScaleUpHadJustHappened() {
        for (String corrupt : List.of("{not json", "[1,2]", "{\"alerts\":{\"x\":{\"role\":\"boss\"}}}",
                "{\"lastScaleUp\":\"yesterday\"}")) {
            StateCodec.Decoded decoded = StateCodec.decode(corrupt, T0);
            assertTrue(decoded.error().isPresent(), corrupt);
            assertEquals(TargetState.conservative(T0), decoded.state(), corrupt);
        }
    }
}

package dev.alertscaler.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import dev.alertscaler.policy.AlertRecord;
import dev.alertscaler.policy.AlertRole;
import dev.alertscaler.policy.ManualHold;
import dev.alertscaler.policy.Pause;
import dev.alertscaler.policy.ScaleEvent;
import dev.alertscaler.policy.Shadow;
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
            Optional.of(new Shadow(4, List.of(new ScaleEvent(T0.minusSeconds(30), 2, 4, "step")), Optional.of(T0.minusSeconds(30)),
                    Optional.empty())),
            true, Optional.of("HTTP 403 forbidden"));

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
        // a later build of the same version added fields: they survive this build's writes
        String fromALaterBuild = """
                {"version":1,"scaleUpForecast":{"at":"2026-11-28T10:05:00Z"},"alerts":{"fp1":{"role":"scale-up",
                "startsAt":"2026-11-28T09:59:00Z","lastSeen":"2026-11-28T10:00:00Z","silenced":false}},"events":[]}""";
        StateCodec.Decoded decoded = StateCodec.decode(fromALaterBuild, T0);
        String written = StateCodec.encode(decoded.state().withChange(T0, 1, 3, dev.alertscaler.policy.Reason.STEP), decoded.raw());
        assertTrue(written.contains("\"scaleUpForecast\":{\"at\":\"2026-11-28T10:05:00Z\"}"), written);
        assertTrue(written.contains("\"silenced\":false"), written);
        assertEquals(Optional.of(T0), StateCodec.decode(written, T0).state().lastScaleUp());
    }

    @Test
    void aVersionThisBuildDoesNotKnowIsReportedAndNotRead() {
        for (String version : List.of("2", "0", "\"1\"", "1.5")) {
            StateCodec.Decoded decoded = StateCodec.decode("{\"version\":" + version + ",\"events\":[]}", T0);
            assertEquals(Optional.of(version), decoded.unknownVersion(), version);
            assertEquals(Optional.empty(), decoded.error(), version);
        }
        assertEquals(Optional.empty(), StateCodec.decode("{\"events\":[]}", T0).unknownVersion(), "absent counts as 1");
    }

    /**
     * A build before the separate shadow history wrote {@code shadowReplicas} and kept the shadow's
     * history in the real fields: read as the shadow's, and written back in the new form.
     */
    @Test
    void anEarlierBuildsShadowIsReadAsTheShadowsHistory() {
        String earlier = """
                {"version":1,"shadowReplicas":10,"lastScaleUp":"2026-11-28T09:59:00Z",
                "events":[{"at":"2026-11-28T09:59:00Z","from":1,"to":10,"reason":"step"}]}""";
        TargetState read = StateCodec.decode(earlier, T0).state();
        assertEquals(10, read.shadow().orElseThrow().replicas());
        assertEquals(1, read.shadow().get().events().size());
        assertEquals(List.of(), read.events(), "the real history since dry-run began is unknown");
        assertEquals(Optional.empty(), read.lastScaleUp());
        String written = StateCodec.encode(read, StateCodec.decode(earlier, T0).raw());
        assertTrue(!written.contains("shadowReplicas") && written.contains("\"shadow\":{\"replicas\":10"), written);
        assertEquals(read, StateCodec.decode(written, T0).state());
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

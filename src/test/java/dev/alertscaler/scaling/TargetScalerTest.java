package dev.alertscaler.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import dev.alertscaler.MutableClock;
import dev.alertscaler.TestConfig;
import dev.alertscaler.policy.AlertRole;
import dev.alertscaler.policy.AlertSignal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@link TargetScaler} without Quarkus or an API server: a hand-written {@link FakeTargetStore}
 * and event list, a clock the test sets. Each case is one story of read, plan, write, report.
 */
class TargetScalerTest {

    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    private static final TargetRef APP = new TargetRef("default", WorkloadKind.DEPLOYMENT, "app");

    private final FakeTargetStore store = new FakeTargetStore();
    private final List<String> events = new ArrayList<>();
    private final MutableClock clock = new MutableClock(T0);

    private TargetScaler scaler(String... properties) {
        var config = TestConfig.mapping(properties);
        EventSink sink = (about, reason, message) -> events.add(reason + " " + message);
        return new TargetScaler(store, new ChangeReporter(sink, new ScalingMetrics(new SimpleMeterRegistry()), config),
                clock, config);
    }

    private static ScaleJob firing(Instant deadline) {
        return firing(T0, deadline);
    }

    /** The alert that started firing at T0, as a notification sent at {@code now}. */
    private static ScaleJob firing(Instant now, Instant deadline) {
        return new ScaleJob.Notification(APP, null,
                List.of(new AlertSignal("fp", AlertRole.SCALE_UP, true, T0, null, OptionalDouble.empty())),
                Optional::empty, now, deadline);
    }

    private List<String> events(EventReason reason) {
        return events.stream().filter(e -> e.startsWith(reason + " ")).toList();
    }

    @Test
    void aConflictIsReadAndDecidedAgainFromTheOtherWritersCount() {
        store.put(APP, 1, Map.of());
        store.otherWriters = 1;
        store.otherWritersReplicas = 2; // someone scaled it to 2 after our read
        TargetOutcome outcome = scaler().run(firing(T0.plusSeconds(5)));
        assertEquals(TargetOutcome.Status.APPLIED, outcome.status());
        assertEquals(2, outcome.from());
        assertEquals(4, store.replicas(APP), "one step from 2, not 1 -> 3");
        assertEquals(List.of("get", "update", "get", "update"), store.calls);
        assertEquals(1, events(EventReason.ScaledUp).size());
    }

    @Test
    void conflictsOnEveryAttemptEndInRetryAndWriteNothing() {
        store.put(APP, 1, Map.of());
        store.otherWriters = TargetScaler.MAX_ATTEMPTS;
        TargetOutcome outcome = scaler().run(firing(T0.plusSeconds(5)));
        assertEquals(TargetOutcome.Status.RETRY, outcome.status());
        assertTrue(outcome.message().contains(TargetScaler.MAX_ATTEMPTS + " conflicts"), outcome.message());
        assertEquals(1, store.replicas(APP));
        assertEquals(List.of(), events);
    }

    @Test
    void pastTheDeadlineNoCallIsStarted() {
        store.put(APP, 1, Map.of());
        clock.set(T0.plusSeconds(3));
        TargetOutcome outcome = scaler().run(firing(T0.plusSeconds(2)));
        assertEquals(TargetOutcome.Status.RETRY, outcome.status());
        assertTrue(outcome.message().contains("out of time"), outcome.message());
        assertEquals(List.of(), store.calls);
    }

    @Test
    void anInvalidAnnotationLeavesTheTargetAloneWithOneWarning() {
        store.put(APP, 1, Map.of("alertscaler.dev/max-replicas", "lots"));
        TargetScaler scaler = scaler();
        TargetOutcome first = scaler.run(firing(T0.plusSeconds(5)));
        TargetOutcome second = scaler.run(firing(T0.plusSeconds(5)));
        assertEquals(TargetOutcome.Status.IGNORED, first.status());
        assertEquals(TargetOutcome.Status.IGNORED, second.status());
        assertEquals(1, store.replicas(APP));
        assertTrue(store.state(APP).contains("InvalidConfig"), store.state(APP));
        assertEquals(List.of("get", "update", "get"), store.calls, "the problem is written once");
        assertEquals(1, events(EventReason.InvalidConfig).size());
    }

    @Test
    void dryRunRecordsWhatItWouldDoAndChangesNoReplicas() {
        store.put(APP, 1, Map.of("alertscaler.dev/dry-run", "true"));
        TargetOutcome outcome = scaler().run(firing(T0.plusSeconds(5)));
        assertEquals(TargetOutcome.Status.APPLIED, outcome.status());
        assertEquals(3, outcome.decision().replicas());
        assertEquals(1, store.replicas(APP), "never applied");
        assertTrue(store.state(APP).contains("\"shadow\":{\"replicas\":3"), store.state(APP));
        assertEquals(1, events(EventReason.WouldScale).size());
        assertEquals(0, events(EventReason.ScaledUp).size());
    }

    @Test
    void aTargetThatIsNotOptedInIsNotFound() {
        store.objects.put(APP, new Workload(APP, new dev.alertscaler.policy.ReplicaCounts(1, 1), Map.of(), Map.of(),
                "uid", "1", 1));
        assertEquals(TargetOutcome.Status.NOT_FOUND, scaler().run(firing(T0.plusSeconds(5))).status());
        assertEquals(List.of("get"), store.calls);
    }

    @Test
    void theKillSwitchReadsAndWritesNothing() {
        store.put(APP, 1, Map.of());
        assertEquals(TargetOutcome.Status.IGNORED, scaler("alertscaler.paused", "true").run(firing(T0.plusSeconds(5))).status());
        assertEquals(List.of(), store.calls);
    }

    @Test
    void aWriteAppliedWhoseAnswerWasLostIsReportedOnceWhenTheRetryReadsIt() {
        store.put(APP, 1, Map.of());
        store.lostAnswers = 1;
        TargetScaler scaler = scaler();
        TargetOutcome first = scaler.run(firing(T0.plusSeconds(5)));
        assertEquals(TargetOutcome.Status.RETRY, first.status(), "the caller cannot know it landed");
        assertEquals(3, store.replicas(APP), "applied by the API all the same");
        assertEquals(List.of(), events(EventReason.ScaledUp));

        TargetOutcome retried = scaler.run(firing(T0.plusSeconds(5))); // Alertmanager sends it again
        assertEquals(TargetOutcome.Status.UNCHANGED, retried.status(), "no second step");
        assertEquals(3, store.replicas(APP));
        assertEquals(1, events(EventReason.ScaledUp).size());
        assertTrue(events(EventReason.ScaledUp).get(0).startsWith("ScaledUp scaled 1 → 3 "), events.toString());

        scaler.run(firing(T0.plusSeconds(5)));
        assertEquals(1, events(EventReason.ScaledUp).size(), "told once");
    }

    /** A retried attempt that meets our own landed write as a conflict: the change is still told, once. */
    @Test
    void aWriteThatMetItselfAsAConflictIsReportedOnce() {
        store.put(APP, 1, Map.of());
        store.appliedThenConflicts = 1;
        TargetOutcome outcome = scaler().run(firing(T0.plusSeconds(5)));
        assertEquals(TargetOutcome.Status.UNCHANGED, outcome.status(), "decided again on the fresh read: nothing to do");
        assertEquals(3, store.replicas(APP));
        assertEquals(1, events(EventReason.ScaledUp).size(), events.toString());
    }

    /**
     * A scaler whose first firing notification for APP (at 1 replica) timed out: the store holds the
     * next {@code heldWrites} writes in flight, to land later.
     */
    private TargetScaler afterATimedOutStep(int heldWrites) {
        store.put(APP, 1, Map.of());
        store.heldWrites = heldWrites;
        TargetScaler scaler = scaler();
        assertEquals(TargetOutcome.Status.RETRY, scaler.run(firing(T0.plusSeconds(5))).status());
        return scaler;
    }

    /**
     * A write still in flight when its attempt timed out (held by a slow API or network) lands
     * after the next read, which could not show it: the retry's own write then meets it as a
     * conflict, and the change is told once all the same.
     */
    @Test
    void aWriteThatLandsAfterTheNextReadIsReportedOnce() {
        TargetScaler scaler = afterATimedOutStep(1);
        assertEquals(1, store.replicas(APP), "still in flight");

        TargetOutcome retried = scaler.run(firing(T0.plusSeconds(5))); // Alertmanager sends it again
        assertEquals(List.of("get", "update", "get", "update", "get"), store.calls,
                "read (not landed yet), write (meets the landed one), read again");
        assertEquals(TargetOutcome.Status.UNCHANGED, retried.status(), "no second step");
        assertEquals(3, store.replicas(APP));
        assertEquals(1, events(EventReason.ScaledUp).size(), events.toString());
    }

    /** Two writes in flight at once, the older lands: it is the one told. */
    @Test
    void ofTwoWritesInFlightTheOneThatLandedIsReported() {
        TargetScaler scaler = afterATimedOutStep(2);
        // the repeat a second later: its read is too early, its write is held too (and can no longer land)
        ScaleJob later = firing(T0.plusSeconds(1), T0.plusSeconds(6));
        assertEquals(TargetOutcome.Status.RETRY, scaler.run(later).status());
        assertEquals(3, store.replicas(APP), "the first write landed");
        assertEquals(List.of(), events(EventReason.ScaledUp));

        assertEquals(TargetOutcome.Status.UNCHANGED, scaler.run(later).status());
        assertEquals(3, store.replicas(APP));
        assertEquals(1, events(EventReason.ScaledUp).size(), events.toString());
    }

    @Test
    void aWriteThatFailedBeforeLandingIsReportedOnlyWhenMade() {
        store.put(APP, 1, Map.of());
        store.failuresBeforeApplying = 1;
        TargetScaler scaler = scaler();
        assertEquals(TargetOutcome.Status.RETRY, scaler.run(firing(T0.plusSeconds(5))).status());
        assertEquals(1, store.replicas(APP));
        assertEquals(TargetOutcome.Status.APPLIED, scaler.run(firing(T0.plusSeconds(5))).status());
        assertEquals(3, store.replicas(APP));
        assertEquals(1, events(EventReason.ScaledUp).size());
    }
}

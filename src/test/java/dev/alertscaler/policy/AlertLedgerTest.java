package dev.alertscaler.policy;

import static dev.alertscaler.policy.Policies.T0;
import static dev.alertscaler.policy.Policies.TTL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

/** How notifications, with their repeats, reorderings and losses, become a target's alert state. */
class AlertLedgerTest {

    private final AlertLedger ledger = new AlertLedger(TTL);
    private final Instant started = T0.minusSeconds(60);

    private AlertSignal firing(String fp, Instant startsAt) {
        return new AlertSignal(fp, AlertRole.SCALE_UP, true, startsAt, null, OptionalDouble.empty());
    }

    private AlertSignal resolved(String fp, Instant startsAt, Instant endsAt) {
        return new AlertSignal(fp, AlertRole.SCALE_UP, false, startsAt, endsAt, OptionalDouble.empty());
    }

    @Test
    void aFirstFiringIsRecordedWithItsEpisode() {
        TargetState s = ledger.record(TargetState.EMPTY, List.of(firing("a", started)), T0);
        AlertRecord a = s.alerts().get("a");
        assertEquals(started, a.startsAt());
        assertEquals(T0, a.lastSeen());
        assertTrue(a.firingAt(T0, TTL));
    }

    @Test
    void aRepeatWithinAQuarterOfTheTtlChangesNothing() {
        TargetState once = ledger.record(TargetState.EMPTY, List.of(firing("a", started)), T0);
        TargetState again = ledger.record(once, List.of(firing("a", started)), T0.plus(TTL.dividedBy(4)).minusSeconds(1));
        assertEquals(once, again);
    }

    @Test
    void aRepeatAfterAQuarterOfTheTtlRefreshesLastSeen() {
        TargetState once = ledger.record(TargetState.EMPTY, List.of(firing("a", started)), T0);
        Instant later = T0.plus(TTL.dividedBy(4));
        TargetState again = ledger.record(once, List.of(firing("a", started)), later);
        assertEquals(later, again.alerts().get("a").lastSeen());
    }

    @Test
    void aNewValueIsRecorded() {
        TargetState once = ledger.record(TargetState.EMPTY, List.of(firing("a", started)), T0);
        AlertSignal withValue = new AlertSignal("a", AlertRole.SCALE_UP, true, started, null, OptionalDouble.of(42));
        TargetState again = ledger.record(once, List.of(withValue), T0.plusSeconds(1));
        assertEquals(OptionalDouble.of(42), again.alerts().get("a").value());
    }

    @Test
    void resolvedEndsTheEpisodeAtItsEndsAtCappedAtArrival() {
        TargetState s = ledger.record(TargetState.EMPTY, List.of(firing("a", started)), T0);
        TargetState r = ledger.record(s, List.of(resolved("a", started, T0.plusSeconds(5))), T0.plusSeconds(10));
        assertEquals(T0.plusSeconds(5), r.alerts().get("a").endedAt().orElseThrow());
        TargetState future = ledger.record(s, List.of(resolved("a", started, T0.plusSeconds(500))), T0.plusSeconds(10));
        assertEquals(T0.plusSeconds(10), future.alerts().get("a").endedAt().orElseThrow(), "capped at arrival");
    }

    @Test
    void aFiringDuplicateThatArrivesAfterItsResolutionDoesNotRestartIt() {
        TargetState s = ledger.record(TargetState.EMPTY, List.of(firing("a", started)), T0);
        TargetState r = ledger.record(s, List.of(resolved("a", started, T0.plusSeconds(5))), T0.plusSeconds(5));
        TargetState late = ledger.record(r, List.of(firing("a", started)), T0.plusSeconds(6));
        assertEquals(r, late);
        assertFalse(late.alerts().get("a").firingAt(T0.plusSeconds(6), TTL));
    }

    @Test
    void resolvedBeforeFiringIsRememberedSoTheLateFiringIsIgnored() {
        TargetState r = ledger.record(TargetState.EMPTY, List.of(resolved("a", started, T0)), T0);
        TargetState late = ledger.record(r, List.of(firing("a", started)), T0.plusSeconds(1));
        assertFalse(late.alerts().get("a").firingAt(T0.plusSeconds(1), TTL));
    }

    @Test
    void aNewEpisodeOfTheSameAlertFiresAgain() {
        TargetState s = ledger.record(TargetState.EMPTY, List.of(firing("a", started)), T0);
        TargetState r = ledger.record(s, List.of(resolved("a", started, T0)), T0);
        Instant refired = T0.plusSeconds(30);
        TargetState again = ledger.record(r, List.of(firing("a", refired)), refired);
        assertTrue(again.alerts().get("a").firingAt(refired, TTL));
        assertEquals(refired, again.alerts().get("a").startsAt());
    }

    @Test
    void theResolutionOfAnOlderEpisodeDoesNotEndTheCurrentOne() {
        Instant refired = T0.plusSeconds(30);
        TargetState s = ledger.record(TargetState.EMPTY, List.of(firing("a", refired)), refired);
        TargetState stale = ledger.record(s, List.of(resolved("a", started, T0)), refired.plusSeconds(1));
        assertEquals(refired, stale.alerts().get("a").startsAt());
        assertTrue(stale.alerts().get("a").firingAt(refired.plusSeconds(1), TTL));
    }

    @Test
    void anAlertMissingFromALaterNotificationStillFires() {
        TargetState s = ledger.record(TargetState.EMPTY, List.of(firing("a", started), firing("b", started)), T0);
        TargetState later = ledger.record(s, List.of(firing("b", started)), T0.plusSeconds(60));
        assertTrue(later.alerts().get("a").firingAt(T0.plusSeconds(60), TTL));
    }

    @Test
    void anEndedAlertIsPrunedAfterATtlAndItsEndKept() {
        TargetState s = ledger.record(TargetState.EMPTY, List.of(firing("a", started)), T0);
        TargetState r = ledger.record(s, List.of(resolved("a", started, T0)), T0);
        TargetState later = ledger.record(r, List.of(), T0.plus(TTL));
        assertTrue(later.alerts().isEmpty());
        assertEquals(T0, later.lastAlertEnd().orElseThrow());
    }

    @Test
    void theNumberOfAlertsKeptIsCappedDroppingEndedOnesFirst() {
        TargetState s = TargetState.EMPTY;
        s = ledger.record(s, List.of(resolved("ended", started, T0)), T0);
        for (int i = 0; i < AlertLedger.MAX_ALERTS; i++) {
            s = ledger.record(s, List.of(firing("f" + i, started)), T0.plusSeconds(1));
        }
        assertEquals(AlertLedger.MAX_ALERTS, s.alerts().size());
        assertFalse(s.alerts().containsKey("ended"));
    }

    @Test
    void alertmanagersActiveListEndsTheRecordedAlertsItNoLongerHolds() {
        TargetState s = ledger.record(TargetState.EMPTY, List.of(firing("a", started), firing("b", started)), T0);
        Instant later = T0.plusSeconds(30);
        TargetState reconciled = ledger.reconcile(s, new AlertSnapshot(later, List.of(firing("b", started), firing("c", later))), later);
        assertEquals(later, reconciled.alerts().get("a").endedAt().orElseThrow(), "not listed: ended now");
        assertTrue(reconciled.alerts().get("b").firingAt(later, TTL));
        assertTrue(reconciled.alerts().get("c").firingAt(later, TTL), "listed but never notified: recorded");
        assertEquals(reconciled, ledger.reconcile(reconciled, new AlertSnapshot(later, List.of(firing("b", started),
                firing("c", later))), later), "the same list again changes nothing");
    }

    /**
     * The reconciler asks Alertmanager, then a notification records a fresh alert, then the
     * reconciler applies its answer: the answer predates the alert and must not end it. Guards the
     * {@code lastSeen().isBefore(snapshot.askedAt())} condition in {@link AlertLedger#reconcile}.
     */
    @Test
    void aSnapshotAskedBeforeAnAlertWasSeenDoesNotEndIt() {
        Instant asked = T0;
        TargetState s = ledger.record(TargetState.EMPTY, List.of(firing("old", started)), T0.minusSeconds(10));
        s = ledger.record(s, List.of(firing("fresh", T0.plusSeconds(1))), T0.plusSeconds(1));
        TargetState reconciled = ledger.reconcile(s, new AlertSnapshot(asked, List.of()), T0.plusSeconds(2));
        assertTrue(reconciled.alerts().get("fresh").firingAt(T0.plusSeconds(2), TTL), "seen after the question");
        assertFalse(reconciled.alerts().get("old").firingAt(T0.plusSeconds(2), TTL), "seen before it, not listed: ended");
        // and a later repeat of the fresh alert still counts (an ended episode would ignore it)
        TargetState repeated = ledger.record(reconciled, List.of(firing("fresh", T0.plusSeconds(1))), T0.plus(TTL));
        assertTrue(repeated.alerts().get("fresh").firingAt(T0.plus(TTL), TTL));
    }
}

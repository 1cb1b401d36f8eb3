package dev.alertscaler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The end-to-end run's checks on a real cluster's alert stream, on hand-made summaries: the figures
 * of the passing CI-style run, and the two it must catch — a foreign alert recorded in the
 * target's state, a heartbeat that never arrived.
 */
class ExpectationsTest {

    private static final Scenario COMPRESSED = new Scenario(3);
    /** The failures these cases provoke on purpose would read like a failed run in CI's log. */
    private static final java.io.PrintStream QUIET = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());

    /**
     * The figures of a compressed run on 2026-12-02 (commit 8ef84b5) that met every expectation; the
     * alert-stream figures are those of the run of 2026-11-28 (this run stopped at its chart).
     */
    private static Map<String, Double> passing() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("reaction_s", 1.0);
        s.put("queue_drained_at_s", 63.2);
        s.put("shortest_quiet_before_scale_down_s", 101.1);
        s.put("steps_over_allowance", 0.0);
        s.put("final_replicas", 1.0);
        s.put("direction_changes", 1.0);
        s.put("peak_replicas", 7.0);
        s.put("peak_need", 7.0);
        s.put("foreign_alerts_firing", 3.0);
        s.put("foreign_alerts_recorded", 0.0);
        s.put("heartbeat_age_at_end_s", 1.7);
        return s;
    }

    @Test
    void aRunThatMetEveryExpectationPasses() {
        assertEquals(0, Expectations.check(passing(), COMPRESSED, QUIET));
    }

    @Test
    void twoPodsAboveTheNeedFailTheRun() {
        Map<String, Double> s = passing();
        s.put("peak_replicas", 9.0);
        assertEquals(1, Expectations.check(s, COMPRESSED, QUIET));
        s.put("peak_replicas", 8.0);
        assertEquals(0, Expectations.check(s, COMPRESSED, QUIET), "one above the need is allowed");
    }

    @Test
    void fewerPodsThanTheNeedFailTheRun() {
        Map<String, Double> s = passing();
        s.put("peak_replicas", 6.0);
        assertEquals(1, Expectations.check(s, COMPRESSED, QUIET));
    }

    @Test
    void aFirstStepMoreThan5sAfterTheQueueFormedFailsTheRun() {
        Map<String, Double> s = passing();
        s.put("reaction_s", 5.4);
        assertEquals(1, Expectations.check(s, COMPRESSED, QUIET));
    }

    @Test
    void aForeignAlertInTheStateFailsTheRun() {
        Map<String, Double> s = passing();
        s.put("foreign_alerts_recorded", 1.0);
        assertEquals(1, Expectations.check(s, COMPRESSED, QUIET));
    }

    @Test
    void foreignAlertsThatNeverFiredProveNothingAndFailTheRun() {
        Map<String, Double> s = passing();
        s.put("foreign_alerts_firing", 0.0);
        assertEquals(1, Expectations.check(s, COMPRESSED, QUIET));
    }

    @Test
    void aHeartbeatThatNeverArrivedFailsTheRun() {
        Map<String, Double> s = passing();
        s.put("heartbeat_age_at_end_s", Double.NaN);
        assertEquals(1, Expectations.check(s, COMPRESSED, QUIET));
    }
}

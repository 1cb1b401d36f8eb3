package dev.alertscaler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The end-to-end run's window check, on hand-made timelines at 3× compression (window 100 s): the
 * shape of the CI run of 2026-11-28, where the hold alert fired again after the first step, and
 * the shape it must catch, a step inside the window.
 */
class TimelineTest {

    private static final Scenario COMPRESSED = new Scenario(3);

    /** One sample a second from 0 to {@code end}; alerts fire in [from, to) of each pair. */
    private static Timeline timeline(int end, double... firingRanges) {
        Timeline t = new Timeline();
        for (int s = 0; s <= end; s++) {
            boolean firing = false;
            for (int i = 0; i < firingRanges.length; i += 2) {
                firing |= s >= firingRanges[i] && s < firingRanges[i + 1];
            }
            t.samples.add(new Timeline.Sample(s, 100, 0, 0, 1, 1, 0, firing ? 1 : 0, "", 1));
        }
        return t;
    }

    @Test
    void anAlertFiringAgainAfterAStepIsAllowedWhenEachStepWaitedAWindow() {
        // quiet from 39 s, step at 139.5 s; the hold fires again 150–163 s; the next step at 265 s
        Timeline t = timeline(300, 7, 39, 150, 164);
        t.decisions.add(new Timeline.Decision(8.4, 1, 8));
        t.decisions.add(new Timeline.Decision(139.5, 8, 6));
        t.decisions.add(new Timeline.Decision(265, 6, 4));

        var summary = t.summary(COMPRESSED);

        // the old figure, first step minus last alert, is negative here although no step broke the window
        assertTrue(summary.get("last_alert_to_first_scale_down_s") < 0);
        assertEquals(101.5, summary.get("shortest_quiet_before_scale_down_s"), 1e-9);
        assertTrue(summary.get("shortest_quiet_before_scale_down_s") >= COMPRESSED.window().toSeconds() - 15);
    }

    @Test
    void aStepInsideTheWindowAfterTheAlertFiredAgainIsCaught() {
        // the first step waited; the second came 20 s after the hold stopped
        Timeline t = timeline(300, 7, 39, 150, 164);
        t.decisions.add(new Timeline.Decision(8.4, 1, 8));
        t.decisions.add(new Timeline.Decision(139.5, 8, 6));
        t.decisions.add(new Timeline.Decision(183, 6, 4));

        assertEquals(20.0, t.summary(COMPRESSED).get("shortest_quiet_before_scale_down_s"), 1e-9);
    }

    @Test
    void withoutAScaleDownThereIsNoQuietFigure() {
        Timeline t = timeline(60, 7, 39);
        t.decisions.add(new Timeline.Decision(8.4, 1, 3));

        assertTrue(t.summary(COMPRESSED).get("shortest_quiet_before_scale_down_s").isNaN());
    }

    /** One sample a second: users and queue per second from the arrays. */
    private static Timeline loadTimeline(int[] users, int[] queue) {
        Timeline t = new Timeline();
        for (int s = 0; s < users.length; s++) {
            t.samples.add(new Timeline.Sample(s, users[s], queue[s], 0, 1, 1, 0, 0, "", 1));
        }
        return t;
    }

    @Test
    void aQueueUnderAnUnchangedLoadAfterTheFirstDrainIsAReQueueEpisode() {
        // compressed: an episode lasts 5 / 3 s or more, the load unchanged for 20 s before it
        int[] users = new int[200];
        int[] queue = new int[200];
        java.util.Arrays.fill(users, 200);
        for (int s = 0; s < 10; s++) {
            users[s] = s * 20;
            queue[s] = s > 3 ? 40 : 0; // the first queue, while the users ramp up
        }
        for (int s = 100; s < 110; s++) {
            queue[s] = 50; // pods shed under the same load
        }
        queue[150] = 30; // one second: too short to count

        assertEquals(1.0, loadTimeline(users, queue).summary(COMPRESSED).get("requeue_episodes"));
    }

    @Test
    void aStandingQueueThatLastsUntilTheLoadEndsIsAReQueueEpisode() {
        // the KEDA + HPA model's equilibrium: pods shed at 100 s, 50 queued until the users leave
        int[] users = new int[200];
        int[] queue = new int[200];
        for (int s = 0; s < 200; s++) {
            users[s] = s < 10 ? s * 20 : s < 180 ? 200 : 0;
            queue[s] = (s > 3 && s < 10) || (s >= 100 && s < 185) ? 50 : 0;
        }

        assertEquals(1.0, loadTimeline(users, queue).summary(COMPRESSED).get("requeue_episodes"));
    }

    @Test
    void aQueueAfterTheLoadChangedIsNotAReQueueEpisode() {
        int[] users = new int[200];
        int[] queue = new int[200];
        for (int s = 0; s < 200; s++) {
            users[s] = s < 10 ? s * 10 : s < 95 ? 100 : 200; // 100 users, then 200 from 95 s
            queue[s] = (s > 3 && s < 10) || (s >= 96 && s < 110) ? 40 : 0;
        }

        assertEquals(0.0, loadTimeline(users, queue).summary(COMPRESSED).get("requeue_episodes"));
    }

    @Test
    void theReferenceAndItsRatioCoverTheSameSpan() {
        int[] users = new int[61];
        int[] queue = new int[61];
        var t = loadTimeline(users, queue); // need 1 throughout, 1 replica throughout
        var summary = t.summary(COMPRESSED);
        assertEquals(60 * 3.0, summary.get("reference_replica_seconds"), 1e-9, "in the seed's seconds");
        assertEquals(1.0, summary.get("replica_seconds_ratio"), 1e-9);
    }

    @Test
    void aScalerBackAtMinBeforeTheReferenceIsMeasuredOverTheReferencesWholeSpan() {
        // need 7 until 9 s, then 1; the scaler drops to 1 at once and the run stops at 60 s. The
        // reference (window 100 s, period 20 s at 3x) holds 7 until 109 s, then 5, 3, 2, and is
        // back at 1 at 169 s: 7 × 109 + 5 × 20 + 3 × 20 + 2 × 20 = 963 run seconds.
        Timeline t = new Timeline();
        for (int s = 0; s <= 60; s++) {
            t.samples.add(new Timeline.Sample(s, s < 10 ? 210 : 0, 0, 0, s < 10 ? 7 : 1, 1, 0, 0, "", s < 10 ? 7 : 1));
        }
        var summary = t.summary(COMPRESSED);
        assertEquals(963 * 3.0, summary.get("reference_replica_seconds"), 1e-9);
        assertEquals((7 * 10 + 1 * 50 + 1 * 109) * 3.0, summary.get("replica_seconds"), 1e-9, "at 1 replica until 169 s");
        assertEquals(229 / 963.0, summary.get("replica_seconds_ratio"), 1e-9);
    }
}

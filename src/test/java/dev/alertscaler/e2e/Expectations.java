package dev.alertscaler.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the compressed run must show, with margins that hold on a loaded 2-core machine: a first step
 * within 5 s of the queue (HAProxy's own, sampled every second) first exceeding the threshold — the
 * pipeline needs about 2 s at 3× compression, 3–4 s at the seed's timings; the peak the load needs,
 * never more than one pod above it; a drained queue, no scale-down step inside the window after an alert, every step within its allowance,
 * back to min, few direction changes; and on a real cluster's alert stream, no step from another
 * team's alert and a heartbeat that arrives.
 */
final class Expectations {

    private Expectations() {
    }

    static int check(Map<String, Double> s, Scenario scenario) {
        return check(s, scenario, System.out);
    }

    /** The check, printing what failed (or that all was met) to {@code out}. */
    static int check(Map<String, Double> s, Scenario scenario, java.io.PrintStream out) {
        List<String> failed = new ArrayList<>();
        double window = scenario.window().toSeconds();
        expect(failed, s.get("reaction_s") <= 5, "first scale-up within 5 s of the queue first above the threshold: "
                + s.get("reaction_s"));
        expect(failed, s.get("peak_replicas") >= s.get("peak_need") && s.get("peak_replicas") <= s.get("peak_need") + 1,
                "peak replicas " + s.get("peak_replicas") + " within [need, need + 1], need " + s.get("peak_need"));
        expect(failed, !s.get("queue_drained_at_s").isNaN()
                && s.get("queue_drained_at_s") < scenario.loadDuration().toSeconds(), "the queue drained while the load ran");
        // alertscaler counts the window from the alert's resolution, which comes before Alertmanager
        // stops listing it; 15 s covers that lag (Prometheus evaluation, resend, group_interval)
        // checked at every step, not only the first: an alert may fire again after a step (the hold,
        // when fewer pods turn busy), and the next step must then wait a whole window again
        expect(failed, s.get("shortest_quiet_before_scale_down_s") >= window - 15,
                "no scale-down inside the " + window + " s window: " + s.get("shortest_quiet_before_scale_down_s"));
        expect(failed, s.get("steps_over_allowance") == 0, "every scale-down step within its allowance");
        expect(failed, s.get("final_replicas") == 1, "back to min replicas: " + s.get("final_replicas"));
        expect(failed, s.get("direction_changes") <= 3, "at most 3 direction changes: " + s.get("direction_changes"));
        if (s.containsKey("foreign_alerts_recorded")) { // alertscaler runs (not the KEDA model)
            expect(failed, s.get("foreign_alerts_firing") == MonitoringStack.FOREIGN_ALERTS.size(),
                    "the foreign alerts fired in Alertmanager all along: " + s.get("foreign_alerts_firing"));
            expect(failed, s.get("foreign_alerts_recorded") == 0,
                    "no foreign alert recorded (no step from one): " + s.get("foreign_alerts_recorded"));
            expect(failed, s.get("heartbeat_age_at_end_s") < window,
                    "the heartbeat reached alertscaler through the kube-prometheus-stack routes: age at end "
                            + s.get("heartbeat_age_at_end_s") + " s");
        }
        if (failed.isEmpty()) {
            out.println("e2e: all expectations met");
            return 0;
        }
        failed.forEach(f -> out.println("e2e FAILED: " + f));
        return 1;
    }

    private static void expect(List<String> failed, boolean ok, String what) {
        if (!ok) {
            failed.add(what);
        }
    }
}

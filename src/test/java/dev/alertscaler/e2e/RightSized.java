package dev.alertscaler.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * The right-sized reference the end-to-end run measures a scaler against: the load's need at once
 * (pods that start instantly, a signal with no delay), then the same stabilization window after the
 * need falls and the same scale-down rate (25 % of the count at the start of any period, the HPA's
 * integer arithmetic, at least min 1). No real scaler can do better on replica-seconds without
 * leaving requests queued.
 */
final class RightSized {

    private RightSized() {
    }

    /**
     * The reference's replica count at each instant of {@code t} (seconds, ascending), for the need
     * {@code need[i]} at {@code t[i]}.
     */
    static int[] replicas(double[] t, int[] need, double windowSeconds, double periodSeconds) {
        int[] out = new int[t.length];
        List<double[]> removals = new ArrayList<>(); // {t, pods}
        int current = 0;
        for (int i = 0; i < t.length; i++) {
            int recommendation = need[i];
            for (int j = i - 1; j >= 0 && t[j] > t[i] - windowSeconds; j--) {
                recommendation = Math.max(recommendation, need[j]);
            }
            if (recommendation >= current) {
                current = recommendation;
            } else {
                double cutoff = t[i] - periodSeconds;
                int removedInPeriod = 0;
                for (double[] r : removals) {
                    removedInPeriod += r[0] > cutoff ? (int) r[1] : 0;
                }
                int periodStart = current + removedInPeriod;
                int floor = Math.max(1, periodStart * 75 / 100);
                int next = Math.max(recommendation, Math.min(current, floor));
                if (next < current) {
                    removals.add(new double[] {t[i], current - next});
                }
                current = next;
            }
            out[i] = current;
        }
        return out;
    }
}

package dev.alertscaler.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A <em>model</em> of the seed's KEDA + HPA setup, for the benchmark that compares alertscaler with
 * it (KEDA cannot run here: it needs a real API server). One {@link #sync} is one HPA
 * controller sync (every 15 s) with KEDA's Prometheus scaler as an external metric of type
 * AverageValue; the arithmetic follows the HPA controller of Kubernetes 1.23+
 * ({@code pkg/controller/podautoscaler}: {@code GetExternalPerPodMetricReplicas},
 * {@code stabilizeRecommendationWithBehaviors}, {@code convertDesiredReplicasWithBehaviorRate},
 * {@code calculateScaleUpLimitWithScalingRules}, {@code calculateScaleDownLimitWithBehaviors}):
 * <ul>
 * <li>desired = ceil(metric / target) unless |metric / (target × status replicas) − 1| ≤ tolerance (10 %);
 * <li>scale-up: the default behaviour, no stabilization, max(+100 %, +4 pods) per 15 s;
 * <li>scale-down: the seed's behaviour, the highest recommendation of the last 300 s, at most 25 %
 * of the replicas at the start of any 60 s period (integer truncation, as the controller does);
 * <li>clamped to [min, max].
 * </ul>
 * What it leaves out: the HPA's readiness handling of CPU metrics (not used by external metrics),
 * KEDA's activation (0 ↔ 1; min is 1 here) and its metric cache (off by default), and the API
 * latency of KEDA's metrics adapter. Durations are parameters so the compressed runs can scale them.
 */
final class HpaModel {

    /** The seed's values, at its own time scale. */
    static HpaModel seed(int minReplicas, int maxReplicas, double targetAverageValue) {
        return new HpaModel(minReplicas, maxReplicas, targetAverageValue, 1);
    }

    static final double TOLERANCE = 0.1;

    private final int minReplicas;
    private final int maxReplicas;
    private final double target;
    private final Duration upPeriod;
    private final Duration downPeriod;
    private final Duration downWindow;

    private record Recommendation(Instant at, int replicas) {
    }

    private record Change(Instant at, int replicas) {
    }

    private final List<Recommendation> recommendations = new ArrayList<>();
    private final List<Change> ups = new ArrayList<>();
    private final List<Change> downs = new ArrayList<>();

    /** {@code compression} divides the seed's durations: 15 s / 60 s periods, the 300 s window. */
    HpaModel(int minReplicas, int maxReplicas, double targetAverageValue, int compression) {
        this.minReplicas = minReplicas;
        this.maxReplicas = maxReplicas;
        this.target = targetAverageValue;
        this.upPeriod = Duration.ofSeconds(15).dividedBy(compression);
        this.downPeriod = Duration.ofSeconds(60).dividedBy(compression);
        this.downWindow = Duration.ofSeconds(300).dividedBy(compression);
    }

    /** The replica count the HPA would write now ({@code specReplicas} when it writes nothing). */
    int sync(Instant now, double metric, int specReplicas, int statusReplicas) {
        int proposal = replicasFromMetric(metric, statusReplicas == 0 ? specReplicas : statusReplicas);
        int stabilized = stabilize(now, proposal, specReplicas);
        int desired = limitRate(now, stabilized, specReplicas);
        if (desired > specReplicas) {
            ups.add(new Change(now, desired - specReplicas));
        } else if (desired < specReplicas) {
            downs.add(new Change(now, specReplicas - desired));
        }
        return desired;
    }

    /** GetExternalPerPodMetricReplicas: the metric summed (one series here) against target × replicas. */
    int replicasFromMetric(double metric, int statusReplicas) {
        double ratio = metric / (target * statusReplicas);
        if (Math.abs(1.0 - ratio) <= TOLERANCE) {
            return statusReplicas;
        }
        return (int) Math.ceil(metric / target);
    }

    /** Up: window 0, so the new proposal; down: the highest proposal within the 300 s window. */
    private int stabilize(Instant now, int proposal, int current) {
        Instant downCutoff = now.minus(downWindow);
        int downRecommendation = proposal;
        for (Recommendation r : recommendations) {
            if (r.at().isAfter(downCutoff)) {
                downRecommendation = Math.max(downRecommendation, r.replicas());
            }
        }
        recommendations.removeIf(r -> !r.at().isAfter(downCutoff));
        recommendations.add(new Recommendation(now, proposal));
        int recommendation = Math.max(current, proposal);
        return Math.min(recommendation, downRecommendation);
    }

    private int limitRate(Instant now, int desired, int current) {
        if (desired > current) {
            int periodStart = current - changedWithin(ups, upPeriod, now) + changedWithin(downs, upPeriod, now);
            int percentLimit = (int) Math.ceil(periodStart * 2.0); // Percent 100 per 15 s
            int podsLimit = periodStart + 4; // Pods 4 per 15 s
            int limit = Math.max(current, Math.max(percentLimit, podsLimit));
            return Math.min(desired, Math.min(limit, maxReplicas));
        }
        if (desired < current) {
            int periodStart = current - changedWithin(ups, downPeriod, now) + changedWithin(downs, downPeriod, now);
            int limit = Math.min(current, (int) (periodStart * (1 - 25 / 100.0))); // Percent 25 per 60 s
            return Math.max(desired, Math.max(limit, minReplicas));
        }
        return Math.max(minReplicas, Math.min(maxReplicas, desired));
    }

    /** getReplicasChangePerPeriod: changes strictly inside the last period. */
    private static int changedWithin(List<Change> changes, Duration period, Instant now) {
        Instant cutoff = now.minus(period);
        return changes.stream().filter(c -> c.at().isAfter(cutoff)).mapToInt(Change::replicas).sum();
    }
}

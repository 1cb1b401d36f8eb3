package dev.alertscaler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The KEDA + HPA model against the HPA's documented replica calculations
 * (kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/, "Algorithm details",
 * "Configurable scaling behavior", "Default Behavior"), with the seed's behaviour: target
 * AverageValue 10, min 1, max 10, scale-down window 300 s and 25 % per 60 s.
 */
class HpaModelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static HpaModel seed() {
        return HpaModel.seed(1, 10, 10);
    }

    @ParameterizedTest(name = "metric {0} with {1} replicas -> {2}")
    @CsvSource({
            // desiredReplicas = ceil(currentReplicas × currentMetricValue / desiredMetricValue); for an
            // AverageValue external metric that is ceil(metric / target)
            "25, 1, 3",
            "11.5, 1, 2",
            "40, 2, 4",
            // within the 10 % tolerance: 10.9 / (10 × 1) = 1.09 keeps 1; 19 / 20 = 0.95 keeps 2
            "10.9, 1, 1",
            "19, 2, 2",
            "21.9, 2, 2",
            // just outside it
            "11.1, 1, 2",
            "17.9, 2, 2",
            "17, 2, 2",
            "0, 3, 0",
            "5, 3, 1",
    })
    void theReplicaCountFollowsTheMetricOutsideTheTolerance(double metric, int replicas, int expected) {
        assertEquals(expected, seed().replicasFromMetric(metric, replicas));
    }

    @ParameterizedTest(name = "from {0} wanting metric {1} -> {2}")
    @CsvSource({
            // default scale-up: max(100 %, 4 pods) per 15 s, so 1 -> 5, 2 -> 6, 5 -> 10, 8 -> 10 (max)
            "1, 200, 5",
            "2, 200, 6",
            "5, 200, 10",
            "8, 200, 10",
            "1, 25, 3",
            "3, 90, 7",
    })
    void scaleUpIsLimitedByTheDefaultPolicies(int from, double metric, int expected) {
        assertEquals(expected, seed().sync(T0, metric, from, from));
    }

    @Test
    void aSecondScaleUpWithinFifteenSecondsCountsFromThePeriodStart() {
        HpaModel hpa = seed();
        assertEquals(5, hpa.sync(T0, 200, 1, 1));
        // 14 s later the period started at 1: max(2, 5) = 5 still
        assertEquals(5, hpa.sync(T0.plusSeconds(14), 200, 5, 5));
        // 15 s later the first step is out of the period (events strictly newer than now − 15 s count)
        assertEquals(10, hpa.sync(T0.plusSeconds(15), 200, 5, 5));
    }

    @Test
    void scaleDownWaitsForTheHighestRecommendationOfTheWindow() {
        HpaModel hpa = seed();
        assertEquals(10, hpa.sync(T0, 100, 10, 10));
        // the metric drops to nothing: every recommendation of the last 300 s still says 10
        for (int s = 15; s < 300; s += 15) {
            assertEquals(10, hpa.sync(T0.plusSeconds(s), 0, 10, 10), "at " + s + " s");
        }
        // at 300 s the recommendation of 10 (at 0 s) is no longer newer than now − 300 s:
        // 25 % at most, 10 -> 7
        assertEquals(7, hpa.sync(T0.plusSeconds(300), 0, 10, 10));
    }

    @Test
    void scaleDownTakesAtMostTwentyFivePercentPerSixtySeconds() {
        HpaModel hpa = seed();
        hpa.sync(T0, 100, 10, 10);
        List<Integer> seen = new java.util.ArrayList<>();
        int replicas = 10;
        for (int s = 15; s <= 300 + 60 * 6; s += 15) {
            int next = hpa.sync(T0.plusSeconds(s), 0, replicas, replicas);
            if (next != replicas) {
                seen.add(next);
            }
            replicas = next;
        }
        // the docs' arithmetic with integer truncation: 10 -> 7 -> 5 -> 3 -> 2 -> 1, one step per 60 s
        assertEquals(List.of(7, 5, 3, 2, 1), seen);
    }

    @Test
    void aScaleDownStepWaitsAFullPeriodAfterTheLast() {
        HpaModel hpa = seed();
        hpa.sync(T0, 100, 10, 10);
        assertEquals(7, hpa.sync(T0.plusSeconds(300), 0, 10, 10));
        // the period's start is 7 + 3 = 10: the floor stays 7 until the step is 60 s old
        assertEquals(7, hpa.sync(T0.plusSeconds(345), 0, 7, 7));
        assertEquals(7, hpa.sync(T0.plusSeconds(359), 0, 7, 7));
        assertEquals(5, hpa.sync(T0.plusSeconds(360), 0, 7, 7));
    }

    @Test
    void aLowerRecommendationInsideTheWindowScalesDownOnlyToTheWindowsHighest() {
        // the docs' example: recommendations 5, then 3, then 2 within the window keep 5
        HpaModel hpa = HpaModel.seed(1, 10, 10);
        assertEquals(5, hpa.sync(T0, 50, 5, 5));
        assertEquals(5, hpa.sync(T0.plusSeconds(100), 30, 5, 5));
        assertEquals(5, hpa.sync(T0.plusSeconds(200), 20, 5, 5));
        // 5 has left the window at 301 s; the highest left is 3, and the floor is int(5 × 0.75) = 3
        assertEquals(3, hpa.sync(T0.plusSeconds(301), 20, 5, 5));
    }

    @Test
    void compressionScalesEveryDuration() {
        HpaModel hpa = new HpaModel(1, 10, 10, 3);
        hpa.sync(T0, 100, 10, 10);
        // window 100 s, periods 20 s
        assertEquals(10, hpa.sync(T0.plusSeconds(99), 0, 10, 10));
        assertEquals(7, hpa.sync(T0.plusSeconds(100), 0, 10, 10));
        assertEquals(7, hpa.sync(T0.plusSeconds(119), 0, 7, 7));
        assertEquals(5, hpa.sync(T0.plusSeconds(120), 0, 7, 7));
    }

    @Test
    void replicasStayWithinMinAndMax() {
        assertEquals(1, seed().sync(T0, 0, 1, 1));
        assertEquals(10, seed().sync(T0, 1000, 10, 10));
    }
}

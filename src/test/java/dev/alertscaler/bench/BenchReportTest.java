package dev.alertscaler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark report's arithmetic and the CI smoke run's checks, on made-up CSVs. */
class BenchReportTest {

    @TempDir
    Path root;

    @Test
    void percentilesAreByNearestRankAndMediansAverageTheMiddlePair() {
        double[] hundred = java.util.stream.IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
        assertEquals(50, Stats.percentile(hundred, 50));
        assertEquals(99, Stats.percentile(hundred, 99));
        assertEquals(100, Stats.percentile(hundred, 100));
        assertEquals(7, Stats.percentile(new double[] {7}, 99));
        assertEquals(2, Stats.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }

    @Test
    void theSmokeCheckPassesWellFormedRunsThatCountedSomething() throws Exception {
        write("reconciler/run-1.csv", ReconcilerBench.HEADER, "10,12.5,3,0,1.2,10,0,150");
        assertEquals(List.of(), SmokeCheck.check(root, List.of("reconciler")));
    }

    @Test
    void theSmokeCheckFailsOnAnotherSchemaOrAZeroCount() throws Exception {
        write("reconciler/run-1.csv", "targets,tick_ms", "10,12.5");
        write("footprint/run-1.csv", FootprintBench.HEADER, "jvm-defaults,800,700,0,120,3000,900,950,140");
        List<String> problems = SmokeCheck.check(root, List.of("reconciler", "footprint"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("header"), problems.get(0));
        assertTrue(problems.get(1).contains("rss_idle_mib is 0"), problems.get(1));
    }

    @Test
    void theSmokeCheckFailsWhenARunWroteNothing() throws Exception {
        assertEquals(1, SmokeCheck.check(root, List.of("footprint")).size());
    }

    @Test
    void theReportGivesMedianAndRangeOverRuns() throws Exception {
        write("reconciler/run-1.csv", ReconcilerBench.HEADER, "5000,900,3,0,400,5000,0,300");
        write("reconciler/run-2.csv", ReconcilerBench.HEADER, "5000,700,3,0,300,5000,0,300");
        write("reconciler/run-3.csv", ReconcilerBench.HEADER, "5000,800,3,0,350,5000,0,300");
        Report.of(root).write(root);
        String summary = Files.readString(root.resolve("summary.md"));
        assertTrue(summary.contains("| tick wall time (POST /reconcile) (ms) | 800 | 700 – 900 | 3 | ≤ 1000 |"), summary);
        assertTrue(summary.contains("| API calls | 3 | 3 – 3 | 3 | constant |"), summary);
    }

    @Test
    void theComparisonPutsTheScalersMediansSideBySide() throws Exception {
        write("compare/compressed_seed-alertscaler-1/summary.csv", "figure,value", "reaction_s,2.0", "queue_seconds,1800");
        write("compare/compressed_seed-alertscaler-2/summary.csv", "figure,value", "reaction_s,1.0", "queue_seconds,2000");
        write("compare/compressed_seed-keda-model-1/summary.csv", "figure,value", "reaction_s,5.0", "queue_seconds,9500");
        write("compare/full_sustained-alertscaler-1/summary.csv", "figure,value", "requeue_episodes,0", "replica_seconds_ratio,1.02");
        write("compare/full_sustained-keda-model-1/summary.csv", "figure,value", "requeue_episodes,1", "replica_seconds_ratio,0.8");
        Report.of(root).write(root);
        String summary = Files.readString(root.resolve("summary.md"));
        assertTrue(summary.contains("**end to end, compressed, seed load, side by side (medians)**"), summary);
        assertTrue(summary.contains("| reaction_s | 1.50 | 5 | 0.300 |"), summary);
        assertTrue(summary.contains("| queue_seconds | 1900 | 9500 | 0.200 |"), summary);
        assertTrue(summary.contains("**end to end, full, sustained load, side by side (medians)**"), summary);
        assertTrue(summary.contains("| requeue_episodes | 0 | 1 | 0 |"), summary);
        assertTrue(summary.contains("| replica_seconds_ratio | 1.02 | 1.02 – 1.02 | 1 | ≤ 1.05 |"), summary);
    }

    private void write(String file, String header, String... rows) throws Exception {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, header + "\n" + String.join("\n", rows) + "\n");
    }
}

package dev.alertscaler.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The CI smoke run's checks: each CSV has its header and counted something. Nothing about speed. */
final class SmokeCheck {

    private SmokeCheck() {
    }

    static List<String> check(Path root, List<String> sections) throws IOException {
        List<String> problems = new ArrayList<>();
        if (sections.contains("webhook")) {
            expect(problems, root.resolve("webhook/noop"), WebhookBench.NOOP_HEADER, "requests", "notifications_per_s", "p50_ms");
            expect(problems, root.resolve("webhook/step"), WebhookBench.STEP_HEADER, "latency_ms", "api_calls", "api_writes", "to_replicas");
            expect(problems, root.resolve("webhook/storm"), WebhookBench.STORM_HEADER, "answer_ms", "api_calls", "applied_alerts");
        }
        if (sections.contains("pair")) {
            expect(problems, root.resolve("pair"), PairStormBench.HEADER, PairStormBench.nonZeroColumns().toArray(String[]::new));
        }
        if (sections.contains("reconciler")) {
            expect(problems, root.resolve("reconciler"), ReconcilerBench.HEADER, "targets", "tick_ms", "api_calls", "reported_targets");
        }
        if (sections.contains("footprint")) {
            expect(problems, root.resolve("footprint"), FootprintBench.HEADER, "start_to_first_answer_ms", "rss_idle_mib",
                    "rss_load_peak_mib", "start_to_first_reconcile_ms", "start_to_first_notification_ms", "rss_many_targets_mib");
        }
        return problems;
    }

    private static void expect(List<String> problems, Path dir, String header, String... nonZero) throws IOException {
        List<Path> files = Bench.runFiles(dir);
        if (files.isEmpty()) {
            problems.add("no run CSV in " + dir);
        }
        for (Path file : files) {
            Csv csv = Csv.read(file);
            if (!String.join(",", csv.header).equals(header)) {
                problems.add(file + ": header " + csv.header + ", expected " + header);
                continue;
            }
            if (csv.rows.isEmpty()) {
                problems.add(file + ": no rows");
            }
            for (int i = 0; i < csv.rows.size(); i++) {
                for (String column : nonZero) {
                    double v = csv.number(i, column);
                    if (!(v > 0)) {
                        problems.add(file + " row " + (i + 1) + ": " + column + " is " + csv.rows.get(i).get(column) + ", expected > 0");
                    }
                }
            }
        }
    }
}

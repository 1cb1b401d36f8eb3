package dev.alertscaler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure of a benchmark run, from the runs' CSVs: its median over the runs with min and max.
 * Written as {@code summary.csv} and as the Markdown tables {@code BENCHMARKS.md} quotes.
 */
final class Report {

    record Figure(String section, String name, String unit, String target, List<Double> values) {
    }

    private final Map<String, Figure> figures = new LinkedHashMap<>();

    private void add(String section, String name, String unit, String target, double value) {
        if (Double.isNaN(value)) {
            return; // not measured in that run (a column older runs did not have)
        }
        figures.computeIfAbsent(section + "|" + name, k -> new Figure(section, name, unit, target, new ArrayList<>()))
                .values().add(value);
    }

    static Report of(Path root) throws IOException {
        Report report = new Report();
        report.webhook(root.resolve("webhook"));
        report.pair(root.resolve("pair"));
        report.reconciler(root.resolve("reconciler"));
        report.footprint(root.resolve("footprint"));
        report.compare(root.resolve("compare"));
        return report;
    }

    private void webhook(Path dir) throws IOException {
        for (Path file : Bench.runFiles(dir.resolve("noop"))) {
            Csv csv = Csv.read(file);
            for (int i = 0; i < csv.rows.size(); i++) {
                String c = csv.rows.get(i).get("concurrency");
                String section = "webhook no-op path, " + c + " sender" + ("1".equals(c) ? "" : "s");
                add(section, "notifications per second", "1/s", "≥ 3000", csv.number(i, "notifications_per_s"));
                add(section, "p50 latency", "ms", "", csv.number(i, "p50_ms"));
                add(section, "p99 latency", "ms", "≤ 10", csv.number(i, "p99_ms"));
                add(section, "API calls per notification", "", "", csv.number(i, "api_calls") / csv.number(i, "requests"));
                add(section, "API writes", "", "0", csv.number(i, "api_writes"));
                add(section, "errors", "", "0", csv.number(i, "errors"));
            }
        }
        for (Path file : Bench.runFiles(dir.resolve("step"))) {
            Csv csv = Csv.read(file);
            double[] latency = new double[csv.rows.size()];
            double calls = 0, reads = 0, writes = 0, events = 0, stepped = 0;
            for (int i = 0; i < csv.rows.size(); i++) {
                latency[i] = csv.number(i, "latency_ms");
                calls += csv.number(i, "api_calls");
                reads += csv.number(i, "api_reads");
                writes += csv.number(i, "api_writes");
                events += csv.number(i, "api_events");
                stepped += csv.number(i, "to_replicas") > 1 && csv.number(i, "status") == 200 ? 1 : 0;
            }
            int n = csv.rows.size();
            String section = "webhook scaling path, one notification at a time";
            add(section, "steps applied of notifications sent", "%", "100", 100 * stepped / n);
            add(section, "p50 latency", "ms", "", Stats.percentile(latency, 50));
            add(section, "p99 latency", "ms", "", Stats.percentile(latency, 99));
            add(section, "API calls per step", "", "", calls / n);
            add(section, "… reads of the target", "", "≤ 1", reads / n);
            add(section, "… writes of the target", "", "1", writes / n);
            add(section, "… Event writes", "", "1", events / n);
        }
        for (Path file : Bench.runFiles(dir.resolve("storm"))) {
            Csv csv = Csv.read(file);
            String section = "webhook alert storm, %s alerts across %s targets".formatted(csv.rows.get(0).get("alerts"),
                    csv.rows.get(0).get("targets"));
            add(section, "time to answer", "ms", "≤ 5000", csv.number(0, "answer_ms"));
            add(section, "HTTP status", "", "200", csv.number(0, "status"));
            add(section, "alerts applied", "", "all", csv.number(0, "applied_alerts"));
            add(section, "alerts to retry", "", "0", csv.number(0, "retry_alerts"));
            add(section, "API calls", "", "", csv.number(0, "api_calls"));
            add(section, "API calls per target", "", "", csv.number(0, "api_calls") / csv.number(0, "targets"));
        }
    }

    private void pair(Path dir) throws IOException {
        for (Path file : Bench.runFiles(dir)) {
            Csv csv = Csv.read(file);
            String section = "one group of " + csv.rows.get(0).get("targets") + " targets to two instances at once";
            add(section, "both answered", "ms", "< Alertmanager's 10 s", csv.number(0, "both_answered_ms"));
            add(section, "first answered", "ms", "", csv.number(0, "first_answer_ms"));
            add(section, "answers other than 200", "", "0",
                    (csv.number(0, "status_a") == 200 ? 0 : 1) + (csv.number(0, "status_b") == 200 ? 0 : 1));
            add(section, "targets stepped", "", "all", csv.number(0, "targets_stepped"));
            add(section, "alerts applied, both instances together", "", "= targets",
                    csv.number(0, "applied_a") + csv.number(0, "applied_b"));
            add(section, "API writes of targets (conflicts included)", "", "", csv.number(0, "api_writes"));
            add(section, "Event writes", "", "= targets", csv.number(0, "api_events"));
        }
    }

    private void reconciler(Path dir) throws IOException {
        for (Path file : Bench.runFiles(dir)) {
            Csv csv = Csv.read(file);
            for (int i = 0; i < csv.rows.size(); i++) {
                String section = "reconcile tick, " + csv.rows.get(i).get("targets") + " unchanged targets";
                add(section, "tick wall time (POST /reconcile)", "ms", "5000".equals(csv.rows.get(i).get("targets")) ? "≤ 1000" : "",
                        csv.number(i, "tick_ms"));
                add(section, "… of which the mock API serving its lists", "ms", "", csv.number(i, "mock_list_ms"));
                add(section, "API calls", "", "constant", csv.number(i, "api_calls"));
                add(section, "API writes", "", "0", csv.number(i, "api_writes"));
                add(section, "RSS after the tick", "MiB", "", csv.number(i, "rss_mib"));
            }
        }
    }

    private void footprint(Path dir) throws IOException {
        for (Path file : Bench.runFiles(dir)) {
            Csv csv = Csv.read(file);
            for (int i = 0; i < csv.rows.size(); i++) {
                String section = "footprint, " + csv.rows.get(i).get("variant");
                add(section, "process start to first answered request", "ms", "≤ 1000", csv.number(i, "start_to_first_answer_ms"));
                add(section, "… to the first POST /reconcile answered", "ms", "", csv.number(i, "start_to_first_reconcile_ms"));
                add(section, "… then to the first notification answered", "ms", "", csv.number(i, "start_to_first_notification_ms"));
                add(section, "Quarkus \"started in\"", "ms", "", csv.number(i, "quarkus_started_ms"));
                add(section, "RSS idle", "MiB", "≤ 150", csv.number(i, "rss_idle_mib"));
                add(section, "RSS peak under the no-op load (8 senders)", "MiB", "≤ 150", csv.number(i, "rss_load_peak_mib"));
                add(section, "RSS after a reconcile of " + FootprintBench.MANY_TARGETS + " targets (a second start)", "MiB", "",
                        csv.number(i, "rss_many_targets_mib"));
            }
        }
    }

    static final List<String> COMPARED = List.of("reaction_s", "peak_queue", "queue_seconds", "replica_seconds",
            "reference_replica_seconds", "replica_seconds_ratio", "requeue_episodes", "direction_changes", "peak_replicas",
            "peak_need", "last_alert_to_first_scale_down_s", "steps_over_allowance", "final_replicas", "requests_failed");

    /** alertscaler's targets (issue 15): what the right-sized scaler must meet. */
    private static String target(String figure) {
        return switch (figure) {
            case "reaction_s" -> "≤ 5";
            case "replica_seconds_ratio" -> "≤ 1.05";
            case "peak_replicas" -> "≤ peak_need + 1";
            case "requeue_episodes" -> "0";
            default -> "";
        };
    }

    private void compare(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> runs;
        try (var list = Files.list(dir)) {
            runs = list.filter(p -> Files.exists(p.resolve("summary.csv"))).sorted().toList();
        }
        for (Path run : runs) {
            String name = run.getFileName().toString(); // <mode>_<shape>-<scaler>-<n>
            String mode = mode(run);
            String scaler = name.substring(name.indexOf('-') + 1, name.lastIndexOf('-'));
            Map<String, Double> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(run.resolve("summary.csv")).subList(1, Files.readAllLines(run.resolve("summary.csv")).size())) {
                String[] kv = line.split(",");
                values.put(kv[0], Double.parseDouble(kv[1]));
            }
            for (String figure : COMPARED) {
                if (scaler.equals("keda-model") && figure.equals("last_alert_to_first_scale_down_s")) {
                    continue; // the model reads the query, not the alerts
                }
                add("end to end, " + mode + ", " + scaler, figure, "", scaler.equals("alertscaler") ? target(figure) : "",
                        values.getOrDefault(figure, Double.NaN));
            }
        }
        for (String mode : runs.stream().map(Report::mode).distinct().toList()) {
            for (String figure : RATIOS) {
                Figure a = figures.get("end to end, " + mode + ", alertscaler|" + figure);
                Figure m = figures.get("end to end, " + mode + ", keda-model|" + figure);
                if (a != null && m != null) {
                    comparisons.add(new Comparison(mode, figure, Stats.median(a.values()), Stats.median(m.values())));
                }
            }
        }
    }

    /** "compressed, seed load" for a run folder named {@code compressed_seed-alertscaler-1}. */
    private static String mode(Path run) {
        String name = run.getFileName().toString();
        return name.substring(0, name.indexOf('-')).replace("_", ", ") + " load";
    }

    /** The figures compared as ratios; the others describe one scaler's run (the model sees no alerts). */
    static final List<String> RATIOS = List.of("reaction_s", "peak_queue", "queue_seconds", "replica_seconds",
            "replica_seconds_ratio", "requeue_episodes", "direction_changes", "peak_replicas");

    record Comparison(String mode, String figure, double alertscaler, double model) {
    }

    private final List<Comparison> comparisons = new ArrayList<>();

    void write(Path root) throws IOException {
        Csv csv = new Csv("section", "figure", "unit", "median", "min", "max", "runs", "target");
        StringBuilder md = new StringBuilder();
        String section = null;
        for (Figure f : figures.values()) {
            csv.row(f.section().replace(',', ';'), f.name().replace(',', ';'), f.unit(), Stats.median(f.values()),
                    Stats.min(f.values()), Stats.max(f.values()), f.values().size(), f.target().replace(',', ';'));
            if (!f.section().equals(section)) {
                section = f.section();
                md.append("\n**").append(section).append("**\n\n| figure | median | min – max | runs | target |\n|---|---:|---:|---:|---|\n");
            }
            md.append("| %s%s | %s | %s – %s | %d | %s |\n".formatted(f.name(), f.unit().isEmpty() ? "" : " (" + f.unit() + ")",
                    Stats.cell(Stats.median(f.values())), Stats.cell(Stats.min(f.values())), Stats.cell(Stats.max(f.values())),
                    f.values().size(), f.target()));
        }
        String mode = null;
        for (Comparison c : comparisons) {
            csv.row(("end to end; " + c.mode() + "; alertscaler ÷ KEDA model").replace(',', ';'), c.figure(), "×",
                    c.alertscaler() / c.model(), Double.NaN, Double.NaN, 1, "");
            if (!c.mode().equals(mode)) {
                mode = c.mode();
                md.append("\n**end to end, ").append(mode).append(", side by side (medians)**\n\n")
                        .append("| figure | alertscaler | model of KEDA + HPA | alertscaler ÷ model |\n|---|---:|---:|---:|\n");
            }
            md.append("| %s | %s | %s | %s |\n".formatted(c.figure(), Stats.cell(c.alertscaler()), Stats.cell(c.model()),
                    c.model() == 0 ? "" : Stats.cell(c.alertscaler() / c.model())));
        }
        csv.write(root.resolve("summary.csv"));
        Files.writeString(root.resolve("summary.md"), md);
    }
}

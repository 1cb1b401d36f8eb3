package dev.alertscaler.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Works on a finished run from its {@code timeline.csv}:
 * <ul>
 * <li>{@code Rechart RUN_DIR COMPRESSION SHAPE [OVERLAY_CSV]} draws {@code RUN_DIR/timeline.png}
 * again, with another run's replicas on it (alertscaler's run with the KEDA + HPA model's run of
 * the same load, or the other way round);
 * <li>{@code Rechart RUN_DIR COMPRESSION SHAPE --update-summary} recomputes, in the run's
 * {@code summary.csv}, the figures that depend only on the 1 s samples ({@link #FROM_SAMPLES}) with
 * this build's {@link Timeline#summary} — for runs recorded before a fix to how they are computed.
 * </ul>
 */
public final class Rechart {

    /** The summary figures computed from the samples alone (not from the 200 ms decisions). */
    static final List<String> FROM_SAMPLES = List.of("replica_seconds", "reference_replica_seconds", "replica_seconds_ratio",
            "requeue_episodes");

    private Rechart() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Scenario scenario = new Scenario(Integer.parseInt(args[1]), Scenario.Shape.valueOf(args[2].toUpperCase(java.util.Locale.ROOT)), 0);
        Timeline t = Timeline.read(dir.resolve("timeline.csv"));
        Map<String, Double> summary = t.summary(scenario);
        if (List.of(args).contains("--update-summary")) {
            Path csv = dir.resolve("summary.csv");
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(csv)) {
                String figure = line.substring(0, line.indexOf(','));
                lines.add(FROM_SAMPLES.contains(figure) ? figure + "," + summary.get(figure) : line);
            }
            for (String figure : FROM_SAMPLES) {
                if (lines.stream().noneMatch(l -> l.startsWith(figure + ","))) {
                    lines.add(figure + "," + summary.get(figure));
                }
            }
            Files.write(csv, lines);
            FROM_SAMPLES.forEach(f -> System.out.printf("%-34s %.2f%n", f, summary.get(f)));
            return;
        }
        boolean model = dir.getFileName().toString().contains("keda-model");
        t.chart(dir.resolve("timeline.csv"), dir.resolve("timeline.png"), scenario, model,
                args.length > 3 ? Path.of(args[3]).toAbsolutePath() : null);
    }
}

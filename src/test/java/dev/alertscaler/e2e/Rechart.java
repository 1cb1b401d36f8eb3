package dev.alertscaler.e2e;

import java.nio.file.Path;
import java.util.List;

/**
 * Draws a finished run's chart again from its {@code timeline.csv}, with another run's replicas
 * on it: {@code Rechart RUN_DIR compression shape OVERLAY_CSV OVERLAY_TITLE} (e.g. alertscaler's run
 * with the KEDA + HPA model's run of the same load). Writes {@code RUN_DIR/timeline.png}. Decisions
 * are read from the 1 s samples, so the summary it prints is for a look only; the run's own
 * {@code summary.csv} (200 ms decisions) is the one to report.
 */
public final class Rechart {

    private Rechart() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Scenario scenario = new Scenario(Integer.parseInt(args[1]), Scenario.Shape.valueOf(args[2].toUpperCase(java.util.Locale.ROOT)), 0);
        Timeline t = Timeline.read(dir.resolve("timeline.csv"));
        List<String> rest = List.of(args).subList(3, args.length);
        t.chart(dir.resolve("timeline.csv"), dir.resolve("timeline.png"), args.length > 5 ? args[5] : "alertscaler, "
                + scenario.shape().description() + ", " + (scenario.compression() == 1 ? "seed timings" : scenario.compression() + "x compressed"),
                scenario, "the rule's average (last three scrapes)", rest.isEmpty() ? null : Path.of(rest.get(0)).toAbsolutePath(),
                rest.size() > 1 ? rest.get(1) : "KEDA + HPA model replicas");
        t.summary(scenario).forEach((k, v) -> System.out.printf("%-34s %.2f%n", k, v));
    }
}

package dev.alertscaler.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run's samples and scale decisions, written as CSV and summarised. */
final class Timeline {

    /** One sample; {@code t} in seconds since the load started. */
    record Sample(double t, int users, int queue, double queueAvg, int replicas, int ready, int firingUp, int firingHold,
            String decisions) {
    }

    /** One change of {@code spec.replicas}, whoever wrote it. */
    record Decision(double t, int from, int to) {
    }

    final List<Sample> samples = new ArrayList<>();
    final List<Decision> decisions = new ArrayList<>();
    /** When the seed's query first went above the threshold, from Prometheus at 0.2 s steps. */
    double thresholdCrossedAt = Double.NaN;

    void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("t_seconds,users,queue,queue_avg,replicas,ready_replicas,firing_scale_up,firing_hold,decisions\n");
        for (Sample s : samples) {
            csv.append("%.1f,%d,%d,%.2f,%d,%d,%d,%d,\"%s\"\n".formatted(s.t(), s.users(), s.queue(), s.queueAvg(), s.replicas(),
                    s.ready(), s.firingUp(), s.firingHold(), s.decisions().replace("\"", "'")));
        }
        Files.writeString(file, csv);
    }

    /** The summary's figures, by name, in the order printed. */
    Map<String, Double> summary(Scenario scenario) {
        Map<String, Double> m = new LinkedHashMap<>();
        double cross = thresholdCrossedAt;
        double firstUp = decisions.stream().filter(d -> d.to() > d.from()).mapToDouble(Decision::t).findFirst().orElse(Double.NaN);
        m.put("threshold_crossed_at_s", cross);
        m.put("first_scale_up_at_s", firstUp);
        m.put("reaction_s", firstUp - cross);
        Sample peak = samples.stream().max((a, b) -> Integer.compare(a.queue(), b.queue())).orElseThrow();
        m.put("peak_queue", (double) peak.queue());
        m.put("peak_replicas", (double) samples.stream().mapToInt(Sample::replicas).max().orElse(0));
        double drained = samples.stream().filter(s -> s.t() > peak.t() && s.queue() == 0).mapToDouble(Sample::t).findFirst().orElse(Double.NaN);
        m.put("queue_drained_at_s", drained);
        m.put("drain_s", drained - peak.t());
        double lastFiring = samples.stream().filter(s -> s.firingUp() + s.firingHold() > 0).mapToDouble(Sample::t).max().orElse(Double.NaN);
        double firstDown = decisions.stream().filter(d -> d.to() < d.from()).mapToDouble(Decision::t).findFirst().orElse(Double.NaN);
        m.put("last_alert_seen_at_s", lastFiring);
        m.put("first_scale_down_at_s", firstDown);
        m.put("last_alert_to_first_scale_down_s", firstDown - lastFiring);
        m.put("shortest_quiet_before_scale_down_s", shortestQuietBeforeScaleDown());
        int largestStep = 0;
        int itsAllowance = 0;
        int overAllowance = 0;
        for (Decision d : decisions) {
            if (d.to() < d.from()) {
                // the HPA's rule with steps a period apart: periodStart is the count before the step
                int floor = Math.max(1, d.from() * (100 - 25) / 100);
                if (d.from() - d.to() > largestStep) {
                    largestStep = d.from() - d.to();
                    itsAllowance = d.from() - floor;
                }
                overAllowance += d.to() < floor ? 1 : 0;
            }
        }
        m.put("largest_scale_down_step", (double) largestStep);
        m.put("its_allowance", (double) itsAllowance);
        m.put("steps_over_allowance", (double) overAllowance);
        int changes = 0;
        int lastDirection = 0;
        for (Decision d : decisions) {
            int direction = Integer.signum(d.to() - d.from());
            if (direction != 0 && lastDirection != 0 && direction != lastDirection) {
                changes++;
            }
            lastDirection = direction == 0 ? lastDirection : direction;
        }
        m.put("direction_changes", (double) changes);
        double queueSeconds = 0;
        double replicaSeconds = 0;
        for (int i = 1; i < samples.size(); i++) {
            double dt = samples.get(i).t() - samples.get(i - 1).t();
            queueSeconds += samples.get(i - 1).queue() * dt;
            replicaSeconds += samples.get(i - 1).replicas() * dt;
        }
        // in the seed's time: a compressed run's seconds are worth `compression` seed seconds
        m.put("queue_seconds", queueSeconds * scenario.compression());
        m.put("replica_seconds", replicaSeconds * scenario.compression());
        m.put("final_replicas", (double) samples.get(samples.size() - 1).replicas());
        return m;
    }

    /**
     * The window's rule, checked at every scale-down: the time since an alert was last listed as
     * firing before that step. An alert may fire again after a step (a hold when the remaining pods
     * turn busy): that is allowed, and the next step must again wait a window. NaN without a step.
     */
    private double shortestQuietBeforeScaleDown() {
        double shortest = Double.NaN;
        for (Decision d : decisions) {
            if (d.to() >= d.from()) {
                continue;
            }
            double lastFiringBefore = samples.stream().filter(s -> s.t() < d.t() && s.firingUp() + s.firingHold() > 0)
                    .mapToDouble(Sample::t).max().orElse(Double.NEGATIVE_INFINITY);
            double quiet = d.t() - lastFiringBefore;
            shortest = Double.isNaN(shortest) ? quiet : Math.min(shortest, quiet);
        }
        return shortest;
    }

    /** The seed's two pictures in one: queue length and replicas over time, with gnuplot. */
    void chart(Path csv, Path png, String title) throws IOException, InterruptedException {
        Path script = Files.writeString(png.resolveSibling("chart.gp"), """
                set terminal png size 1100,560
                set output '%s'
                set datafile separator ','
                set title '%s'
                set xlabel 'seconds since the load started'
                set ylabel 'requests queued in HAProxy'
                set y2label 'replicas'
                set y2tics
                set ytics nomirror
                set y2range [0:11]
                set key outside bottom center horizontal
                set grid
                plot '%s' every ::1 using 1:3 with lines lw 2 title 'queue', \\
                     '' every ::1 using 1:5 axes x1y2 with steps lw 2 title 'replicas (spec)', \\
                     '' every ::1 using 1:6 axes x1y2 with steps dt 2 title 'ready replicas', \\
                     '' every ::1 using 1:2 axes x1y2 with lines dt 3 title 'users / 20' \\
                """.formatted(png, title, csv).replace("using 1:2 axes", "using 1:($2/20) axes"));
        Process gnuplot = new ProcessBuilder("gnuplot", script.toString()).redirectErrorStream(true).start();
        String out = new String(gnuplot.getInputStream().readAllBytes());
        if (gnuplot.waitFor() != 0) {
            throw new IOException("gnuplot failed: " + out);
        }
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}

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

    /**
     * One sample; {@code t} in seconds since the load started, {@code queue} HAProxy's instant queue,
     * {@code queueAvg} the running scaler's average (the rule's for alertscaler, the seed's query for
     * the model), {@code need} the load's need at {@code t} ({@link Scenario#needAt}).
     */
    record Sample(double t, int users, int queue, double queueAvg, int replicas, int ready, int firingUp, int firingHold,
            String decisions, int need) {
    }

    /** One change of {@code spec.replicas}, whoever wrote it. */
    record Decision(double t, int from, int to) {
    }

    final List<Sample> samples = new ArrayList<>();
    final List<Decision> decisions = new ArrayList<>();
    /** When the running scaler's average first went above the threshold, from Prometheus at 0.2 s steps. */
    double averageCrossedAt = Double.NaN;

    void writeCsv(Path file, Scenario scenario) throws IOException {
        int[] reference = reference(scenario);
        StringBuilder csv = new StringBuilder("t_seconds,users,queue,queue_avg,replicas,ready_replicas,firing_scale_up,firing_hold,"
                + "decisions,need,reference\n");
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            csv.append("%.1f,%d,%d,%.2f,%d,%d,%d,%d,\"%s\",%d,%d\n".formatted(s.t(), s.users(), s.queue(), s.queueAvg(), s.replicas(),
                    s.ready(), s.firingUp(), s.firingHold(), s.decisions().replace("\"", "'"), s.need(), reference[i]));
        }
        Files.writeString(file, csv);
    }

    /** The right-sized reference's replica-seconds (run seconds) over a span that may outlast the samples. */
    record Span(double referenceSeconds, double beyondLastSample) {
    }

    /**
     * The reference from the first sample until the later of the last sample and the reference's
     * return to the final need (a scaler back at min sooner must not cut the reference short).
     */
    Span referenceSpan(Scenario scenario) {
        List<Double> t = new ArrayList<>(samples.stream().map(Sample::t).toList());
        List<Integer> need = new ArrayList<>(samples.stream().map(Sample::need).toList());
        int finalNeed = need.get(need.size() - 1);
        double last = t.get(t.size() - 1);
        // long enough for any reference to settle: the window and ten periods (10 → 1 takes 5)
        long extras = (long) Math.ceil(seconds(scenario.window().plus(scenario.scaleDownPeriod().multipliedBy(10))));
        for (int extra = 1; extra <= extras; extra++) {
            t.add(last + extra);
            need.add(finalNeed);
        }
        int[] reference = reference(scenario, t, need);
        int end = samples.size() - 1;
        while (end < t.size() - 1 && reference[end] != finalNeed) {
            end++;
        }
        double seconds = 0;
        for (int i = 1; i <= end; i++) {
            seconds += reference[i - 1] * (t.get(i) - t.get(i - 1));
        }
        return new Span(seconds, t.get(end) - last);
    }

    /** The {@link RightSized right-sized reference} at each sample. */
    int[] reference(Scenario scenario) {
        return reference(scenario, samples.stream().map(Sample::t).toList(), samples.stream().map(Sample::need).toList());
    }

    private static int[] reference(Scenario scenario, List<Double> t, List<Integer> need) {
        return RightSized.replicas(t.stream().mapToDouble(Double::doubleValue).toArray(), need.stream().mapToInt(Integer::intValue).toArray(),
                seconds(scenario.window()), seconds(scenario.scaleDownPeriod()));
    }

    /** The summary's figures, by name, in the order printed. */
    Map<String, Double> summary(Scenario scenario) {
        Map<String, Double> m = new LinkedHashMap<>();
        // when users start to wait: the first 1 s sample of HAProxy's own queue above the threshold
        double cross = samples.stream().filter(s -> s.queue() > Scenario.THRESHOLD).mapToDouble(Sample::t).findFirst().orElse(Double.NaN);
        double firstUp = decisions.stream().filter(d -> d.to() > d.from()).mapToDouble(Decision::t).findFirst().orElse(Double.NaN);
        m.put("queue_above_threshold_at_s", cross);
        m.put("average_crossed_at_s", averageCrossedAt);
        m.put("first_scale_up_at_s", firstUp);
        m.put("reaction_s", firstUp - cross);
        Sample peak = samples.stream().max((a, b) -> Integer.compare(a.queue(), b.queue())).orElseThrow();
        m.put("peak_queue", (double) peak.queue());
        m.put("peak_replicas", (double) samples.stream().mapToInt(Sample::replicas).max().orElse(0));
        m.put("peak_need", (double) samples.stream().mapToInt(Sample::need).max().orElse(0));
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
        // the same span for both: until the later of the run's end and the reference's return to
        // the final need (a scaler that got back to min before the reference must not cut it short);
        // after its last sample the run stays at its last count
        Span span = referenceSpan(scenario);
        double referenceSeconds = span.referenceSeconds();
        replicaSeconds += samples.get(samples.size() - 1).replicas() * span.beyondLastSample();
        // in the seed's time: a compressed run's seconds are worth `compression` seed seconds
        m.put("queue_seconds", queueSeconds * scenario.compression());
        m.put("replica_seconds", replicaSeconds * scenario.compression());
        m.put("reference_replica_seconds", referenceSeconds * scenario.compression());
        m.put("replica_seconds_ratio", replicaSeconds / referenceSeconds);
        m.put("requeue_episodes", (double) requeueEpisodes(scenario));
        m.put("final_replicas", (double) samples.get(samples.size() - 1).replicas());
        return m;
    }

    /**
     * Times requests queued again under an unchanged load after the queue first drained: the instant
     * queue above the threshold for 5 s (seed time) or more, the users the same from a minute before
     * the episode until its fifth second. A scaler that sheds pods a steady load still needs (the
     * KEDA + HPA model's equilibrium) or flaps makes them.
     */
    int requeueEpisodes(Scenario scenario) {
        double minimum = seconds(scenario.scaled(Duration.ofSeconds(5)));
        double steady = seconds(scenario.scaled(Duration.ofSeconds(60)));
        int firstDrain = -1;
        boolean queued = false;
        for (int i = 0; i < samples.size() && firstDrain < 0; i++) {
            firstDrain = queued && samples.get(i).queue() == 0 ? i : -1;
            queued |= samples.get(i).queue() > Scenario.THRESHOLD;
        }
        int episodes = 0;
        for (int i = Math.max(firstDrain, 0); firstDrain >= 0 && i < samples.size(); i++) {
            if (samples.get(i).queue() <= Scenario.THRESHOLD) {
                continue;
            }
            int end = i;
            while (end + 1 < samples.size() && samples.get(end + 1).queue() > Scenario.THRESHOLD) {
                end++;
            }
            Sample first = samples.get(i);
            double from = first.t() - steady;
            // unchanged from a minute before until it has lasted long enough to count: a standing
            // queue that outlasts the load (it ends when the users leave) is an episode too
            double until = first.t() + minimum;
            boolean loadUnchanged = samples.stream().filter(s -> s.t() >= from && s.t() <= until)
                    .allMatch(s -> s.users() == first.users());
            if (samples.get(end).t() - first.t() >= minimum && loadUnchanged && first.t() - samples.get(0).t() >= steady) {
                episodes++;
            }
            i = end;
        }
        return episodes;
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

    /**
     * The seed's two pictures in one, with what explains each decision: queue, the scaler's average
     * and the threshold (left axis); replicas, ready pods, the right-sized reference and, when
     * {@code overlay} names another run's timeline CSV, that run's replicas (right axis); for
     * alertscaler, bands for the firing scale-up and hold alerts and the stabilization window after
     * the last of them (the model reads the query, not the alerts).
     */
    void chart(Path csv, Path png, Scenario scenario, boolean model, Path overlay) throws IOException, InterruptedException {
        String title = "%s, %s%s, %s".formatted(model ? "model of KEDA + HPA" : "alertscaler", scenario.shape().description,
                scenario.thinkSeconds() == 0 ? ", no think time" : ", think time " + scenario.thinkSeconds() + " s",
                scenario.compression() == 1 ? "seed timings" : scenario.compression() + "x compressed");
        String averageTitle = model ? "the seed's query (1m average)" : "the rule's average (last three scrapes)";
        String overlayTitle = model ? "alertscaler replicas" : "KEDA + HPA model replicas";
        List<String> objects = new ArrayList<>();
        double lastFiring = samples.stream().filter(s -> s.firingUp() + s.firingHold() > 0).mapToDouble(Sample::t).max().orElse(Double.NaN);
        if (!model) {
            spans(Sample::firingUp).forEach(span -> objects.add(band(span[0], span[1], 0.965, 1, "#e76f51", "front")));
            spans(Sample::firingHold).forEach(span -> objects.add(band(span[0], span[1], 0.93, 0.962, "#2a9d8f", "front")));
            if (!Double.isNaN(lastFiring)) {
                objects.add(band(lastFiring, lastFiring + seconds(scenario.window()), 0, 0.93, "#ececec", "behind"));
            }
        }
        String overlayPlot = overlay == null ? "" : ", \\\n     '%s' every ::1 using 1:5 axes x1y2 with steps lw 2 dt 4 lc rgb '#6a4c93' title '%s'"
                .formatted(overlay, quoted(overlayTitle));
        Path script = Files.writeString(png.resolveSibling("chart.gp"), """
                set terminal png size 1200,600
                set output '%s'
                set datafile separator ','
                set title '%s'
                set xlabel 'seconds since the load started'
                set ylabel 'requests queued in HAProxy'
                set y2label 'replicas'
                set y2tics
                set ytics nomirror
                set y2range [0:11]
                set yrange [0:*]
                set key outside bottom center horizontal maxrows 3
                set grid
                %s
                plot '%s' every ::1 using 1:3 with lines lw 2 lc rgb '#c1121f' title 'queue (HAProxy)', \
                     '' every ::1 using 1:4 with lines lw 1 lc rgb '#f4a261' title '%s', \
                     %d with lines dt 2 lc rgb '#6c757d' title 'threshold', \
                     '' every ::1 using 1:5 axes x1y2 with steps lw 2 lc rgb '#1d3557' title 'replicas (spec)', \
                     '' every ::1 using 1:6 axes x1y2 with steps dt 2 lc rgb '#457b9d' title 'ready replicas', \
                     '' every ::1 using 1:11 axes x1y2 with steps lw 1 lc rgb '#000000' title 'right-sized reference'%s, \
                     %s
                """.formatted(png, quoted(title), String.join("\n", objects), csv, quoted(averageTitle), Scenario.THRESHOLD, overlayPlot,
                model ? "NaN notitle" : "keyentry with boxes fs solid fc rgb '#e76f51' title 'scale-up alert firing', "
                        + "keyentry with boxes fs solid fc rgb '#2a9d8f' title 'hold alert firing', "
                        + "keyentry with boxes fs solid fc rgb '#ececec' title 'stabilization window after the last alert'"));
        Process gnuplot = new ProcessBuilder("gnuplot", script.toString()).redirectErrorStream(true).start();
        String out = new String(gnuplot.getInputStream().readAllBytes());
        if (gnuplot.waitFor() != 0) {
            throw new IOException("gnuplot failed: " + out);
        }
    }

    /** A shaded rectangle from x {@code from} to {@code to}, between two heights of the graph. */
    private static String band(double from, double to, double bottom, double top, String colour, String layer) {
        return "set object rect from %.1f, graph %s to %.1f, graph %s fc rgb '%s' fs solid noborder %s"
                .formatted(from, bottom, to, top, colour, layer);
    }

    /** Text for a gnuplot single-quoted string, where a quote is written twice. */
    private static String quoted(String text) {
        return text.replace("'", "''");
    }

    /** A timeline read back from its CSV ({@link #writeCsv}), for {@link Rechart}; decisions from the replica column. */
    static Timeline read(Path csv) throws IOException {
        Timeline t = new Timeline();
        List<String> lines = Files.readAllLines(csv);
        int lastReplicas = -1;
        for (String line : lines.subList(1, lines.size())) {
            String[] quotedParts = line.split("\"", -1); // the decisions column is the one quoted field
            String[] before = quotedParts[0].split(",");
            String[] after = quotedParts[2].split(",");
            Sample s = new Sample(Double.parseDouble(before[0]), Integer.parseInt(before[1]), Integer.parseInt(before[2]),
                    Double.parseDouble(before[3]), Integer.parseInt(before[4]), Integer.parseInt(before[5]), Integer.parseInt(before[6]),
                    Integer.parseInt(before[7]), quotedParts[1], Integer.parseInt(after[1]));
            if (lastReplicas >= 0 && s.replicas() != lastReplicas) {
                t.decisions.add(new Decision(s.t(), lastReplicas, s.replicas()));
            }
            lastReplicas = s.replicas();
            t.samples.add(s);
        }
        return t;
    }

    /** The [start, end] spans (seconds) in which {@code firing} is above 0. */
    private List<double[]> spans(java.util.function.ToIntFunction<Sample> firing) {
        List<double[]> spans = new ArrayList<>();
        double start = Double.NaN;
        for (Sample s : samples) {
            if (firing.applyAsInt(s) > 0 && Double.isNaN(start)) {
                start = s.t();
            } else if (firing.applyAsInt(s) <= 0 && !Double.isNaN(start)) {
                spans.add(new double[] {start, s.t()});
                start = Double.NaN;
            }
        }
        if (!Double.isNaN(start)) {
            spans.add(new double[] {start, samples.get(samples.size() - 1).t()});
        }
        return spans;
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}

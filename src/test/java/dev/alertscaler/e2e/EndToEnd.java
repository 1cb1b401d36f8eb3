package dev.alertscaler.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertscaler.local.AlertscalerJar;
import dev.alertscaler.local.MockApi;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The seed scenario end to end on a real monitoring stack: HAProxy queues requests in front of the
 * slow app, Prometheus evaluates the project's rules, Alertmanager routes with the project's
 * configuration, and the alertscaler jar scales the sample Deployment in the mock Kubernetes API
 * (no real API server can run here), whose replica count {@link PodAgent} makes real in HAProxy.
 * Writes a CSV timeline, a PNG chart and a summary to {@code target/e2e/}.
 *
 * <p>Options: {@code --full} (the seed's own timings; default: 3× compressed, about 5 minutes),
 * {@code --shape seed|sustained} (the seed's k6 stages, default; or 200 users held 15 minutes),
 * {@code --think-time S} (seconds between a user's answer and its next request, default 0),
 * {@code --assert} (exit 1 unless the summary shows the expected story), {@code --scaler keda-model}
 * (the {@link HpaModel model of KEDA + HPA} scales instead of alertscaler, for the benchmarks),
 * {@code --overlay CSV} (draw another run's replicas on the chart, e.g. the model's timeline.csv),
 * {@code --out DIR} (default {@code target/e2e/<compressed|full>[-sustained][-keda-model]}).
 */
public final class EndToEnd {

    private static final String NS = "default";
    private static final String APP = "app";

    /** Held so that the level set on it sticks: the mock logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        boolean full = List.of(args).contains("--full");
        boolean check = List.of(args).contains("--assert");
        String scaler = List.of(args).contains("--scaler") ? option(args, "--scaler") : "alertscaler";
        if (!List.of("alertscaler", "keda-model").contains(scaler)) {
            throw new IllegalArgumentException("--scaler is alertscaler (default) or keda-model, not " + scaler);
        }
        boolean model = scaler.equals("keda-model");
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        Scenario.Shape shape = Scenario.Shape.valueOf((List.of(args).contains("--shape") ? option(args, "--shape") : "seed")
                .toUpperCase(java.util.Locale.ROOT));
        int think = List.of(args).contains("--think-time") ? Integer.parseInt(option(args, "--think-time")) : 0;
        Scenario scenario = new Scenario(full ? 1 : 3, shape, think);
        Path overlay = List.of(args).contains("--overlay") ? Path.of(option(args, "--overlay")).toAbsolutePath() : null;
        Path dir = Files.createDirectories(List.of(args).contains("--out") ? Path.of(option(args, "--out"))
                : Path.of("target", "e2e", (full ? "full" : "compressed") + (shape == Scenario.Shape.SEED ? "" : "-" + shape.name()
                        .toLowerCase(java.util.Locale.ROOT)) + (model ? "-keda-model" : "")));
        List<AutoCloseable> stack = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(stack)));
        int exit = 2;
        try {
            exit = run(scenario, dir, jar, check, model, overlay, stack);
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            closeAll(stack);
        }
        // non-daemon threads of the stack must not keep a failed run alive
        System.exit(exit);
    }

    private static String option(String[] args, String name) {
        int i = List.of(args).indexOf(name);
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i + 1];
    }

    private static int run(Scenario scenario, Path dir, Path jar, boolean check, boolean model, Path overlay,
            List<AutoCloseable> stack) throws Exception {
        log("starting the stack in " + dir + " (compression " + scenario.compression() + ")");
        SlowApp app = new SlowApp(Scenario.MAX_REPLICAS, scenario.compression());
        stack.add(0, app);
        Haproxy haproxy = new Haproxy(dir, app, Scenario.MAX_REPLICAS, Scenario.MAXCONN);
        stack.add(0, haproxy);
        MockApi api = MockApi.start(0).seed(Path.of("deploy/sample-app/app.yaml"));
        stack.add(0, api);
        api.client().apps().deployments().inNamespace(NS).withName(APP).edit(d -> {
            d.getMetadata().getAnnotations().put("alertscaler.dev/scale-up-period", scenario.seconds(30));
            d.getMetadata().getAnnotations().put("alertscaler.dev/stabilization-window", scenario.seconds(300));
            d.getMetadata().getAnnotations().put("alertscaler.dev/scale-down-period", scenario.seconds(60));
            return d;
        });
        PodAgent pods = new PodAgent(api.client(), haproxy, scenario.podStart(), NS, APP);
        stack.add(0, pods);

        Path token = Files.writeString(dir.resolve("webhook-token"), "e2e-" + Instant.now().toEpochMilli() + "\n");
        int alertscalerPort = Ports.free();
        NotificationRecorder recorder = new NotificationRecorder(dir, alertscalerPort);
        stack.add(0, recorder);
        MonitoringStack monitoring = new MonitoringStack(dir, scenario, haproxy, recorder.port, token);
        stack.add(0, monitoring);
        monitoring.addForeignAlerts(NS, APP);
        String seedQuery = "sum(avg_over_time(haproxy_backend_current_queue{proxy=\"" + Haproxy.BACKEND + "\"}["
                + scenario.seconds(60) + "]))";
        // the scale-up rule's average (alert-rules/: the last three scrapes), as MonitoringStack scales it
        String ruleAverage = "sum(avg_over_time(haproxy_backend_current_queue{proxy=\"" + Haproxy.BACKEND + "\"}["
                + scenario.seconds(5) + "]))";
        String average = model ? seedQuery : ruleAverage;
        if (model) {
            HpaLoop hpa = new HpaLoop(scenario, monitoring, api.client(), NS, APP, seedQuery);
            stack.add(0, hpa);
        } else {
            startAlertscaler(scenario, dir, jar, token, alertscalerPort, api, monitoring, stack);
        }

        log("load: " + scenario.shape().name().toLowerCase(java.util.Locale.ROOT) + " against /delay/5, think time "
                + scenario.thinkSeconds() + " s, " + scenario.loadDuration().toSeconds() + " s");
        LoadDriver load = new LoadDriver(scenario, haproxy.frontendPort);
        stack.add(0, load);
        Set<String> recorded = new TreeSet<>();
        Timeline timeline = sample(scenario, api, haproxy, monitoring, load, pods, average, model, recorded);
        load.close();
        for (PodAgent.Change c : pods.changes()) {
            timeline.decisions.add(new Timeline.Decision(Timeline.seconds(Duration.between(load.start(), c.at())), c.from(), c.to()));
        }
        // the average's crossing to the 0.2 s, from Prometheus's own samples rather than this loop's 1 s
        timeline.averageCrossedAt = monitoring.firstAbove(average, Scenario.THRESHOLD, load.start(),
                load.start().plus(scenario.loadDuration())).map(t -> Timeline.seconds(Duration.between(load.start(), t)))
                .orElse(Double.NaN);

        Path csv = dir.resolve("timeline.csv");
        timeline.writeCsv(csv, scenario);
        Path png = dir.resolve("timeline.png");
        timeline.chart(csv, png, scenario, model, overlay);
        Map<String, Double> summary = timeline.summary(scenario);
        if (!model) {
            signalFigures(summary, monitoring, api, recorded);
        }
        StringBuilder text = new StringBuilder();
        summary.forEach((k, v) -> text.append("%-34s %s%n".formatted(k, Double.isNaN(v) ? "n/a" : "%.1f".formatted(v))));
        text.append("%-34s %d completed, %d failed%n".formatted("requests", load.completed(), load.failed()));
        text.append("%-34s %d%n".formatted("notifications_received", recorder.count()));
        Files.writeString(dir.resolve("summary.txt"), text);
        StringBuilder summaryCsv = new StringBuilder("figure,value\n");
        summary.forEach((k, v) -> summaryCsv.append(k).append(',').append(v).append('\n'));
        summaryCsv.append("requests_completed,").append(load.completed()).append('\n');
        summaryCsv.append("requests_failed,").append(load.failed()).append('\n');
        Files.writeString(dir.resolve("summary.csv"), summaryCsv);
        System.out.println("\n" + text + "\ntimeline: " + csv + "\nchart:    " + png);
        if (pods.failure() != null) {
            System.out.println("pod agent error: " + pods.failure());
        }
        return check ? Expectations.check(summary, scenario) : 0;
    }

    private static void startAlertscaler(Scenario scenario, Path dir, Path jar, Path token, int alertscalerPort, MockApi api,
            MonitoringStack monitoring, List<AutoCloseable> stack) throws Exception {
        AlertscalerJar alertscaler = AlertscalerJar.start(alertscalerPort, jar, api.url(), List.of(), Map.of(), Map.of(
                "alertscaler.webhook.token-file", token.toAbsolutePath().toString(),
                "alertscaler.reconcile.interval", scenario.seconds(15),
                "alertscaler.alert-ttl", scenario.seconds(900),
                "alertscaler.heartbeat.timeout", scenario.seconds(300),
                "alertscaler.heartbeat.namespace", NS,
                "alertscaler.alertmanager.url", "http://127.0.0.1:" + monitoring.alertmanagerPort),
                dir.resolve("alertscaler.log"));
        stack.add(0, alertscaler);
        Ports.awaitListening(alertscalerPort, alertscaler.process, "alertscaler");
    }

    /**
     * What a real cluster's alert stream must not change: no foreign alert (kube-state-metrics',
     * or a rule without alertscaler_role) ever recorded in the target's state — a step can only come
     * from a recorded alert — while they fired all along; and the heartbeat arrived.
     */
    private static void signalFigures(Map<String, Double> summary, MonitoringStack monitoring, MockApi api,
            Set<String> recorded) {
        Set<String> foreign = monitoring.foreignFingerprints();
        summary.put("foreign_alerts_firing", (double) foreign.size());
        summary.put("foreign_alerts_recorded", (double) foreign.stream().filter(recorded::contains).count());
        var heartbeat = api.client().configMaps().inNamespace(NS).withName("alertscaler-heartbeat").get();
        String lastSeen = heartbeat == null || heartbeat.getData() == null ? null : heartbeat.getData().get("lastSeen");
        summary.put("heartbeat_age_at_end_s", lastSeen == null ? Double.NaN
                : Duration.between(Instant.parse(lastSeen), Instant.now()).toMillis() / 1000.0);
    }

    /** The fingerprints of the alerts in the target's state annotation. */
    private static Set<String> stateFingerprints(Deployment d) {
        String state = d.getMetadata().getAnnotations() == null ? null
                : d.getMetadata().getAnnotations().get("alertscaler.dev/state");
        Set<String> fingerprints = new TreeSet<>();
        try {
            if (state != null) {
                new ObjectMapper().readTree(state).path("alerts").fieldNames().forEachRemaining(fingerprints::add);
            }
        } catch (java.io.IOException e) {
            // an unreadable state records nothing
        }
        return fingerprints;
    }

    private static Timeline sample(Scenario scenario, MockApi api, Haproxy haproxy, MonitoringStack monitoring,
            LoadDriver load, PodAgent pods, String ruleExpr, boolean model, Set<String> recorded) throws Exception {
        Timeline timeline = new Timeline();
        Instant start = load.start();
        Instant loadEnd = start.plus(scenario.loadDuration());
        Instant giveUp = loadEnd.plus(scenario.tail());
        Set<String> seenEvents = new HashSet<>();
        int seenChanges = 0;
        while (Instant.now().isBefore(giveUp)) {
            Instant now = Instant.now();
            Deployment d = api.client().apps().deployments().inNamespace(NS).withName(APP).get();
            recorded.addAll(stateFingerprints(d));
            StringBuilder decided = new StringBuilder();
            for (Event e : api.client().v1().events().inNamespace(NS).list().getItems()) {
                if (APP.equals(e.getInvolvedObject().getName()) && seenEvents.add(e.getMetadata().getName())
                        && e.getMessage() != null && e.getMessage().startsWith("scaled ")) {
                    String[] fromTo = e.getMessage().substring(7, e.getMessage().indexOf(' ', e.getMessage().indexOf('→') + 2)).split(" → ");
                    String reason = e.getMessage().replaceAll("^[^(]*\\(([^)]*)\\).*$", "$1");
                    decided.append(decided.length() == 0 ? "" : "; ").append(e.getReason()).append(' ')
                            .append(fromTo[0].trim()).append("->").append(fromTo[1].trim()).append(" (").append(reason).append(')');
                }
            }
            List<PodAgent.Change> changes = pods.changes();
            for (; model && seenChanges < changes.size(); seenChanges++) { // the model writes no Events
                decided.append(decided.length() == 0 ? "" : "; ").append("spec ").append(changes.get(seenChanges).from())
                        .append("->").append(changes.get(seenChanges).to());
            }
            Duration since = Duration.between(start, now);
            timeline.samples.add(new Timeline.Sample(Timeline.seconds(since), scenario.usersAt(since),
                    haproxy.queue(), monitoring.query(ruleExpr).orElse(0), d.getSpec().getReplicas(), pods.ready(),
                    monitoring.activeAlerts("scale-up"), monitoring.activeAlerts("hold"), decided.toString(), scenario.needAt(since)));
            Timeline.Sample last = timeline.samples.get(timeline.samples.size() - 1);
            if (now.isAfter(loadEnd.plus(scenario.window())) && last.replicas() == 1 && last.firingUp() + last.firingHold() == 0) {
                log("back at min replicas, " + (int) last.t() + " s after the load started");
                break;
            }
            if (timeline.samples.size() % 30 == 0) {
                log("t=%.0fs users=%d queue=%d avg=%.1f replicas=%d ready=%d".formatted(last.t(), last.users(),
                        last.queue(), last.queueAvg(), last.replicas(), last.ready()));
            }
            Thread.sleep(Math.max(0, 1000 - Duration.between(now, Instant.now()).toMillis()));
        }
        return timeline;
    }

    private static void log(String message) {
        System.out.println("[e2e " + Instant.now() + "] " + message);
    }

    private static void closeAll(List<AutoCloseable> stack) {
        for (AutoCloseable c : List.copyOf(stack)) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
        stack.clear();
    }
}

package dev.alertscaler.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.alertscaler.local.AlertscalerJar;
import dev.alertscaler.local.MockApi;

/**
 * The packaged application's start and memory, for each JVM option set (and the native executable
 * where it was built): from the process start to the first answered request (any status, polled
 * every 5 ms), then — as a woken instance is asked — to the first {@code POST /reconcile} and the
 * first notification answered; Quarkus's own "started in"; RSS when idle and at its peak under the
 * no-op webhook load (hey, 8 senders); and RSS after a reconcile of {@value #MANY_TARGETS} targets,
 * in a second start on an API that holds them.
 */
final class FootprintBench {

    /** Stands for {@code -XX:SharedArchiveFile=<the archive a training run wrote>} in a variant's options. */
    static final String APPCDS = "<appcds>";

    static final String HEADER = "variant,start_to_first_answer_ms,quarkus_started_ms,rss_idle_mib,rss_load_peak_mib,load_notifications_per_s,"
            + "start_to_first_reconcile_ms,start_to_first_notification_ms,rss_many_targets_mib";
    static final int MANY_TARGETS = 1000;
    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Bench.Settings settings;
    private final Path dir;

    FootprintBench(Bench.Settings settings, Path dir) {
        this.settings = settings;
        this.dir = dir;
    }

    void run() throws Exception {
        try (MockApi api = MockApi.start(0); MockApi many = MockApi.start(0)) {
            ApiCalls.seed(api.client(), "noop", 1, Map.of("alertscaler.dev/scale-up-period", "1h"));
            ApiCalls.seed(many.client(), "idle", MANY_TARGETS, Map.of());
            Path body = Files.writeString(dir.resolve("noop-notification.json"), Bodies.firing("noop-0", "f"));
            Path archive = dir.resolve("app-cds.jsa");
            if (settings.footprintVariants().values().stream().anyMatch(v -> v.options().contains(APPCDS))) {
                train(api, body, archive);
            }
            for (int r = 1; r <= settings.runs(); r++) {
                Bench.log("footprint run " + r + "/" + settings.runs());
                Csv csv = new Csv(HEADER.split(","));
                for (Map.Entry<String, Jvm> variant : settings.footprintVariants().entrySet()) {
                    Path log = dir.resolve("alertscaler-" + variant.getKey() + ".log");
                    List<String> options = variant.getValue().options().stream()
                            .map(o -> o.equals(APPCDS) ? "-XX:SharedArchiveFile=" + archive : o).toList();
                    try (AlertscalerJar jar = start(api, variant.getValue(), options, log)) {
                        double firstAnswerMs = jar.awaitFirstAnswer("/q/health/live") / 1e6;
                        // what a woken instance is asked first: the PingSource's reconcile, Alertmanager's notification
                        reconcile(jar);
                        double firstReconcileMs = (System.nanoTime() - jar.startedNanos) / 1e6;
                        post(jar, "/alertmanager", body);
                        double firstNotificationMs = (System.nanoTime() - jar.startedNanos) / 1e6;
                        jar.awaitReady();
                        Thread.sleep(settings.idleSeconds() * 1000L);
                        double idle = jar.rssKib() / 1024.0;
                        AtomicLong peak = new AtomicLong();
                        Thread sampler = new Thread(() -> {
                            while (!Thread.currentThread().isInterrupted()) {
                                try {
                                    peak.accumulateAndGet(jar.rssKib(), Math::max);
                                    Thread.sleep(100);
                                } catch (Exception e) {
                                    return;
                                }
                            }
                        });
                        sampler.start();
                        Hey.Result load = Hey.post(jar.base() + "/alertmanager", WebhookBench.TOKEN, body, 8,
                                settings.loadSeconds(), dir.resolve("hey-" + variant.getKey() + ".csv"));
                        sampler.interrupt();
                        sampler.join();
                        if (options.stream().anyMatch(o -> o.startsWith("-XX:AOTCache=")) && Files.readString(log).contains("][aot]")) {
                            // a rejected cache only warns and starts without it: never report that as the cache's figure
                            throw new IllegalStateException("the JVM did not use the AOT cache: see " + log);
                        }
                        Matcher started = STARTED.matcher(Files.readString(log));
                        double manyTargets = rssWithManyTargets(many, variant.getValue(), options,
                                dir.resolve("alertscaler-" + variant.getKey() + "-" + MANY_TARGETS + ".log"));
                        csv.row(variant.getKey(), firstAnswerMs, started.find() ? Double.parseDouble(started.group(1)) * 1000 : Double.NaN,
                                idle, peak.get() / 1024.0, load.perSecond(), firstReconcileMs, firstNotificationMs, manyTargets);
                    }
                }
                csv.write(dir.resolve("run-" + r + ".csv"));
            }
        }
    }

    /** RSS (MiB) idle after a reconcile of every target (the watch cache and the tick's list hold them all). */
    private double rssWithManyTargets(MockApi many, Jvm jvm, List<String> options, Path log) throws Exception {
        try (AlertscalerJar jar = start(many, jvm, options, log)) {
            jar.awaitReady();
            String report = reconcile(jar);
            int seen = Bodies.JSON.readTree(report).path("targets").asInt();
            if (seen != MANY_TARGETS) {
                throw new IllegalStateException("the reconcile saw " + seen + " targets, not " + MANY_TARGETS + ": " + report);
            }
            Thread.sleep(settings.idleSeconds() * 1000L);
            return jar.rssKib() / 1024.0;
        }
    }

    /**
     * The first reconcile report: {@code POST /reconcile} until it answers 200 (a 202 says the
     * instance's own schedule is reconciling at that moment, as it does right after a start).
     */
    private static String reconcile(AlertscalerJar jar) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            HttpResponse<String> response = send(jar, "/reconcile", null);
            if (response.statusCode() == 200) {
                return response.body();
            }
            if (response.statusCode() != 202 || System.nanoTime() > deadline) {
                throw new IllegalStateException("POST /reconcile answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(5);
        }
    }

    /** POSTs {@code body} (a file, or nothing) with the webhook token; any status but 2xx is a failed measurement. */
    private static String post(AlertscalerJar jar, String path, Path body) throws Exception {
        HttpResponse<String> response = send(jar, path, body);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static HttpResponse<String> send(AlertscalerJar jar, String path, Path body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(jar.base() + path))
                .header("Authorization", "Bearer " + WebhookBench.TOKEN).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofFile(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The application class-data archive (JDK 13+ dynamic CDS): a training run with the image's
     * options that starts, answers notifications and stops, writing the classes it loaded.
     */
    private void train(MockApi api, Path body, Path archive) throws Exception {
        Files.deleteIfExists(archive);
        Jvm training = Jvm.image().with("-XX:ArchiveClassesAtExit=" + archive);
        try (AlertscalerJar jar = start(api, training, training.options(), dir.resolve("alertscaler-training.log"))) {
            jar.awaitReady();
            Hey.post(jar.base() + "/alertmanager", WebhookBench.TOKEN, body, 2, 2, dir.resolve("hey-training.csv"));
        }
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the training run wrote no class-data archive: see " + dir.resolve("alertscaler-training.log"));
        }
    }

    private AlertscalerJar start(MockApi api, Jvm jvm, List<String> options, Path log) throws IOException {
        String java = jvm.java() != null ? jvm.java() : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a quarkus-app folder, or a native executable
        Path jar = jvm.app() == null ? settings.jar() : Files.isDirectory(jvm.app()) ? jvm.app().resolve("quarkus-run.jar") : jvm.app();
        return AlertscalerJar.start(java, AlertscalerJar.freePort(), jar, api.url(), options, jvm.environment(),
                Map.of("alertscaler.webhook.token", WebhookBench.TOKEN), log);
    }
}

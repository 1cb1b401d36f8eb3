package dev.alertscaler.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.alertscaler.local.AlertscalerJar;
import dev.alertscaler.local.MockApi;

/**
 * Reconcile ticks ({@code POST /reconcile}) with 10 to 5,000 opted-in Deployments and nothing to
 * change: the tick's wall time as the caller sees it, alertscaler's API calls, and — to tell the
 * mock's share from alertscaler's — how long the mock alone takes to serve the same list requests;
 * and the process's RSS after the tick (the watch cache and a tick's list both hold every target).
 */
final class ReconcilerBench {

    static final String HEADER = "targets,tick_ms,api_calls,api_writes,mock_list_ms,reported_targets,reported_changes,rss_mib";

    private final Bench.Settings settings;
    private final Path dir;

    ReconcilerBench(Bench.Settings settings, Path dir) {
        this.settings = settings;
        this.dir = dir;
    }

    void run() throws Exception {
        List<Csv> runs = new ArrayList<>();
        for (int r = 0; r < settings.runs(); r++) {
            runs.add(new Csv(HEADER.split(",")));
        }
        try (MockApi api = MockApi.start(0);
                AlertscalerJar jar = AlertscalerJar.start(settings.jar(), api.url(), settings.jvmOptions(),
                        Map.of("alertscaler.webhook.token", WebhookBench.TOKEN, "quarkus.scheduler.enabled", "false",
                                "alertscaler.reconcile.interval", "1h",
                                // every tick measured must run: no coalescing of back-to-back calls
                                "alertscaler.reconcile.min-gap", "0s"),
                        dir.resolve("alertscaler.log"))) {
            jar.awaitReady();
            HttpClient http = HttpClient.newHttpClient();
            int seeded = 0;
            for (int size : settings.reconcilerSizes()) {
                Bench.log("reconciler: " + size + " targets");
                ApiCalls.seed(api.client(), "idle-" + size, size - seeded, Map.of());
                seeded = size;
                tick(http, jar); // warm-up: the first tick at this size
                api.takeServiceRequests();
                for (int r = 0; r < settings.runs(); r++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = tick(http, jar);
                    double ms = (System.nanoTime() - start) / 1e6;
                    List<String> requests = api.takeServiceRequests();
                    ApiCalls calls = ApiCalls.of(requests);
                    double mockMs = 0;
                    for (String request : requests) {
                        if (request.startsWith("GET ")) {
                            long s = System.nanoTime();
                            http.send(HttpRequest.newBuilder(URI.create(api.url() + request.substring(4))).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            mockMs += (System.nanoTime() - s) / 1e6;
                        }
                    }
                    var report = Bodies.JSON.readTree(response.body());
                    runs.get(r).row(size, ms, calls.total(), calls.writes() + calls.events(), mockMs,
                            report.path("targets").asInt(), report.path("changes").size(), jar.rssKib() / 1024.0);
                }
            }
        }
        for (int r = 0; r < runs.size(); r++) {
            runs.get(r).write(dir.resolve("run-" + (r + 1) + ".csv"));
        }
    }

    private static HttpResponse<String> tick(HttpClient http, AlertscalerJar jar) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(jar.base() + "/reconcile"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /reconcile answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}

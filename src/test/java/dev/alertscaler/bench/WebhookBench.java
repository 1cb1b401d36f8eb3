package dev.alertscaler.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertscaler.local.AlertscalerJar;
import dev.alertscaler.local.MockApi;

/**
 * The webhook on the packaged jar against the mock API on loopback: the no-op path under hey at 1,
 * 8 and 32 concurrent senders, the scaling path (one notification that applies a step, one at a
 * time), and an alert storm (one notification of 1,000 alerts across 200 targets). The scheduled
 * reconciler is off, so every API call counted is the webhook's.
 */
final class WebhookBench {

    static final String TOKEN = "bench-token";
    static final String NOOP_HEADER = "concurrency,requests,errors,seconds,notifications_per_s,p50_ms,p99_ms,api_calls,api_writes";
    static final String STEP_HEADER = "target,status,latency_ms,api_calls,api_reads,api_writes,api_events,to_replicas";
    static final String STORM_HEADER = "alerts,targets,status,answer_ms,applied_alerts,retry_alerts,api_calls,api_reads,api_writes,api_events";

    private final Bench.Settings settings;
    private final Path dir;

    WebhookBench(Bench.Settings settings, Path dir) {
        this.settings = settings;
        this.dir = dir;
    }

    void run() throws Exception {
        try (MockApi api = MockApi.start(0)) {
            ApiCalls.seed(api.client(), "noop", 1, Map.of("alertscaler.dev/scale-up-period", "1h"));
            for (int r = 1; r <= settings.runs(); r++) {
                ApiCalls.seed(api.client(), "step-" + r, settings.stepTargets(), Map.of());
                ApiCalls.seed(api.client(), "storm-" + r, settings.stormTargets(), Map.of());
            }
            try (AlertscalerJar jar = AlertscalerJar.start(settings.jar(), api.url(), settings.jvmOptions(),
                    Map.of("alertscaler.webhook.token", TOKEN, "quarkus.scheduler.enabled", "false",
                            "alertscaler.reconcile.interval", "1h"),
                    dir.resolve("alertscaler.log"))) {
                jar.awaitReady();
                HttpClient http = HttpClient.newHttpClient();
                String url = jar.base() + "/alertmanager";
                // the no-op path: the alert is recorded and stepped once, then no step is due for an hour
                Path noopBody = Files.writeString(dir.resolve("noop-notification.json"), Bodies.firing("noop-0", "n"));
                send(http, url, Files.readString(noopBody));
                Hey.post(url, TOKEN, noopBody, 8, settings.warmupSeconds(), dir.resolve("hey-warmup.csv"));
                for (int r = 1; r <= settings.runs(); r++) {
                    Bench.log("webhook run " + r + "/" + settings.runs());
                    Csv noop = new Csv(NOOP_HEADER.split(","));
                    for (int c : settings.concurrencies()) {
                        api.takeServiceRequests();
                        Hey.Result result = Hey.post(url, TOKEN, noopBody, c, settings.loadSeconds(),
                                dir.resolve("hey-c" + c + ".csv"));
                        ApiCalls calls = ApiCalls.of(api.takeServiceRequests());
                        noop.row(c, result.requests(), result.errors(), result.seconds(), result.perSecond(),
                                Stats.percentile(result.latenciesMs(), 50), Stats.percentile(result.latenciesMs(), 99),
                                calls.total(), calls.writes() + calls.events());
                    }
                    noop.write(dir.resolve("noop").resolve("run-" + r + ".csv"));
                    step(api, http, url, r);
                    storm(api, http, url, r);
                }
            }
        }
    }

    /** One notification at a time, each for a target at 1 replica: each applies one step (1 → 3). */
    private void step(MockApi api, HttpClient http, String url, int run) throws Exception {
        Csv csv = new Csv(STEP_HEADER.split(","));
        for (int i = 0; i < settings.stepTargets(); i++) {
            String name = "step-" + run + "-" + i;
            String body = Bodies.firing(name, "s%02d".formatted(run));
            api.takeServiceRequests();
            long start = System.nanoTime();
            HttpResponse<String> response = send(http, url, body);
            double ms = (System.nanoTime() - start) / 1e6;
            ApiCalls calls = ApiCalls.of(api.takeServiceRequests());
            int to = api.client().apps().deployments().inNamespace("default").withName(name).get().getSpec().getReplicas();
            csv.row(name, response.statusCode(), ms, calls.total(), calls.reads(), calls.writes(), calls.events(), to);
        }
        csv.write(dir.resolve("step").resolve("run-" + run + ".csv"));
    }

    /** One notification with {@code stormTargets × stormAlertsPerTarget} firing alerts. */
    private void storm(MockApi api, HttpClient http, String url, int run) throws Exception {
        String[] names = IntStream.range(0, settings.stormTargets()).mapToObj(i -> "storm-" + run + "-" + i).toArray(String[]::new);
        String body = Bodies.storm(names, settings.stormAlertsPerTarget(), "x%02d".formatted(run));
        api.takeServiceRequests();
        long start = System.nanoTime();
        HttpResponse<String> response = send(http, url, body);
        double ms = (System.nanoTime() - start) / 1e6;
        ApiCalls calls = ApiCalls.of(api.takeServiceRequests());
        int applied = 0;
        int retry = 0;
        for (JsonNode alert : Bodies.JSON.readTree(response.body()).path("alerts")) {
            applied += "applied".equals(alert.path("outcome").asText()) ? 1 : 0;
            retry += "retry".equals(alert.path("outcome").asText()) ? 1 : 0;
        }
        new Csv(STORM_HEADER.split(",")).row(names.length * settings.stormAlertsPerTarget(), names.length, response.statusCode(),
                ms, applied, retry, calls.total(), calls.reads(), calls.writes(), calls.events())
                .write(dir.resolve("storm").resolve("run-" + run + ".csv"));
    }

    static HttpResponse<String> send(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package dev.alertscaler.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertscaler.local.AlertscalerJar;
import dev.alertscaler.local.MockApi;

/**
 * An Alertmanager HA pair delivering one group to two instances at once: two packaged jars on one
 * mock API, one notification firing for {@code pairTargets} targets sent to both at the same
 * moment, per run on fresh targets (the first run warms both instances up and is not recorded).
 * Records when each answered, their statuses, the alerts applied by each and the API calls made.
 * {@code TwoInstancesIT} asserts the outcome; this reports the time.
 */
final class PairStormBench {

    static final String HEADER = "targets,first_answer_ms,both_answered_ms,status_a,status_b,applied_a,applied_b,targets_stepped,api_calls,api_writes,api_events";

    private final Bench.Settings settings;
    private final Path dir;

    PairStormBench(Bench.Settings settings, Path dir) {
        this.settings = settings;
        this.dir = dir;
    }

    void run() throws Exception {
        int targets = settings.pairTargets();
        Map<String, String> props = Map.of("alertscaler.webhook.token", WebhookBench.TOKEN, "quarkus.scheduler.enabled", "false",
                "alertscaler.reconcile.interval", "1h");
        try (MockApi api = MockApi.start(0);
                AlertscalerJar a = AlertscalerJar.start(settings.jar(), api.url(), settings.jvmOptions(), props, dir.resolve("alertscaler-a.log"));
                AlertscalerJar b = AlertscalerJar.start(settings.jar(), api.url(), settings.jvmOptions(), props, dir.resolve("alertscaler-b.log"))) {
            a.awaitReady();
            b.awaitReady();
            HttpClient http = HttpClient.newHttpClient();
            for (int r = 0; r <= settings.runs(); r++) {
                Bench.log(r == 0 ? "pair storm warm-up" : "pair storm run " + r + "/" + settings.runs());
                String prefix = "pair-" + r;
                ApiCalls.seed(api.client(), prefix, targets, Map.of());
                String[] names = IntStream.range(0, targets).mapToObj(i -> prefix + "-" + i).toArray(String[]::new);
                String body = Bodies.storm(names, 1, "p%02d".formatted(r));
                Thread.sleep(1000); // both watch caches hold the new targets, as in a cluster that has run a while
                api.takeServiceRequests();
                long start = System.nanoTime();
                CompletableFuture<Long> doneA = new CompletableFuture<>();
                CompletableFuture<Long> doneB = new CompletableFuture<>();
                CompletableFuture<HttpResponse<String>> answerA = send(http, a, body).whenComplete((x, e) -> doneA.complete(System.nanoTime()));
                CompletableFuture<HttpResponse<String>> answerB = send(http, b, body).whenComplete((x, e) -> doneB.complete(System.nanoTime()));
                HttpResponse<String> ra = answerA.get();
                HttpResponse<String> rb = answerB.get();
                double first = (Math.min(doneA.get(), doneB.get()) - start) / 1e6;
                double both = (Math.max(doneA.get(), doneB.get()) - start) / 1e6;
                ApiCalls calls = ApiCalls.of(api.takeServiceRequests());
                long stepped = api.client().apps().deployments().inNamespace("default").list().getItems().stream()
                        .filter(d -> d.getMetadata().getName().startsWith(prefix + "-") && d.getSpec().getReplicas() > 1).count();
                if (r > 0) {
                    new Csv(HEADER.split(",")).row(targets, first, both, ra.statusCode(), rb.statusCode(), applied(ra), applied(rb),
                            stepped, calls.total(), calls.writes(), calls.events())
                            .write(dir.resolve("run-" + r + ".csv"));
                }
            }
        }
    }

    private static CompletableFuture<HttpResponse<String>> send(HttpClient http, AlertscalerJar to, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(to.base() + "/alertmanager"))
                .header("Authorization", "Bearer " + WebhookBench.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int applied(HttpResponse<String> response) throws Exception {
        int applied = 0;
        for (JsonNode alert : Bodies.JSON.readTree(response.body()).path("alerts")) {
            applied += "applied".equals(alert.path("outcome").asText()) ? 1 : 0;
        }
        return applied;
    }

    static List<String> nonZeroColumns() {
        return List.of("both_answered_ms", "targets_stepped", "api_writes");
    }
}

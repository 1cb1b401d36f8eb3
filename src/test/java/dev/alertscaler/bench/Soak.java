package dev.alertscaler.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.alertscaler.alertmanager.Notifications;
import dev.alertscaler.local.AlertscalerJar;
import dev.alertscaler.local.MockApi;

/**
 * A bounded soak of the packaged jar on the mock Kubernetes API (fabric8's, in CRUD mode: no
 * kube-apiserver can be installed here): notifications at a fixed rate — firing, resolved,
 * heartbeats, a few malformed and a few without a token — with the in-process reconciler every
 * 15 s and a {@code POST /reconcile} every 5 s, for a fixed time. RSS, threads and file descriptors
 * are sampled every 10 s into a CSV; the run fails when they grow (the last third's peak against the
 * second third's, the first being warm-up) or when any answer is outside the contract.
 *
 * <p>{@code Soak [minutes] [per-second] [out-dir]}; deploy/local/reliability.sh runs it.
 */
public final class Soak {

    static final String TOKEN = "soak-token";
    static final String HEADER = "elapsed_s,rss_mib,threads,fds,requests,non_contract_answers,transport_errors";
    static final Set<Integer> CONTRACT = Set.of(200, 202, 400, 401, 403, 413, 503);

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path out = Path.of(args.length > 2 ? args[2] : "target/reliability");
        Files.createDirectories(out);
        Csv csv = new Csv(HEADER.split(","));
        AtomicLong requests = new AtomicLong();
        AtomicLong nonContract = new AtomicLong();
        AtomicLong transportErrors = new AtomicLong();
        Random random = new Random(42);
        try (MockApi api = MockApi.start(0)) {
            ApiCalls.seed(api.client(), "soak", 100, Map.of());
            try (AlertscalerJar jar = AlertscalerJar.start(Path.of("target/quarkus-app/quarkus-run.jar"), api.url(), List.of(),
                    Map.of("alertscaler.webhook.token", TOKEN, "alertscaler.reconcile.interval", "15s",
                            "alertscaler.heartbeat.timeout", "5m"),
                    out.resolve("soak-alertscaler.log"))) {
                jar.awaitReady();
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
                long periodMicros = 1_000_000L / perSecond;
                load.scheduleAtFixedRate(() -> {
                    HttpRequest request = next(jar, random);
                    requests.incrementAndGet();
                    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                        if (e != null) {
                            transportErrors.incrementAndGet();
                        } else if (!CONTRACT.contains(r.statusCode())) {
                            nonContract.incrementAndGet();
                        }
                    });
                }, 0, periodMicros, TimeUnit.MICROSECONDS);
                load.scheduleAtFixedRate(() -> http.sendAsync(HttpRequest.newBuilder(URI.create(jar.base() + "/reconcile"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()),
                        1, 5, TimeUnit.SECONDS);
                long start = System.nanoTime();
                long end = start + Duration.ofMinutes(minutes).toNanos();
                while (System.nanoTime() < end) {
                    Thread.sleep(10_000);
                    long pid = jar.process.pid();
                    csv.row((System.nanoTime() - start) / 1_000_000_000L, jar.rssKib() / 1024.0, threads(pid), fds(pid),
                            requests.get(), nonContract.get(), transportErrors.get());
                    csv.write(out.resolve("soak.csv"));
                    Bench.log("soak: " + csv.rows.get(csv.rows.size() - 1));
                }
                load.shutdownNow();
            }
        }
        String verdict = verdict(csv, nonContract.get());
        Files.writeString(out.resolve("soak-verdict.txt"), verdict + "\n");
        System.out.println(verdict);
        // the mock API's and the HTTP client's threads would keep the JVM up
        System.exit(verdict.startsWith("FAIL") ? 1 : 0);
    }

    /** A mix of what Alertmanager and strangers send: mostly repeats that change nothing. */
    private static HttpRequest next(AlertscalerJar jar, Random random) {
        int pick;
        String target;
        synchronized (random) {
            pick = random.nextInt(100);
            target = "soak-" + random.nextInt(100);
        }
        Instant startsAt = Instant.now().minusSeconds(120);
        String body;
        String token = TOKEN;
        if (pick < 70) {
            body = Notifications.notification().firing("default", target, "fp-" + target, startsAt).json();
        } else if (pick < 85) {
            body = Notifications.notification().resolved("default", target, "fp-" + target, startsAt, Instant.now()).json();
        } else if (pick < 93) {
            body = Notifications.notification().firing("default", "x", "fp-heartbeat", startsAt, "heartbeat").json();
        } else if (pick < 97) {
            body = "{\"version\":\"4\",\"alerts\":[null]}";
        } else {
            body = "{}";
            token = "wrong";
        }
        return HttpRequest.newBuilder(URI.create(jar.base() + "/alertmanager")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static long threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static long fds(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        }
    }

    /** Flat: the last third's peaks within bounds of the second third's (the first third warms up). */
    static String verdict(Csv csv, long nonContract) {
        int n = csv.rows.size();
        if (n < 3) {
            return "FAIL: too short to judge (" + n + " samples)";
        }
        List<Map<String, String>> middle = csv.rows.subList(n / 3, 2 * n / 3);
        List<Map<String, String>> last = csv.rows.subList(2 * n / 3, n);
        StringBuilder problems = new StringBuilder();
        check(problems, "rss_mib", peak(middle, "rss_mib"), peak(last, "rss_mib"), 1.10, 16);
        check(problems, "threads", peak(middle, "threads"), peak(last, "threads"), 1.0, 5);
        check(problems, "fds", peak(middle, "fds"), peak(last, "fds"), 1.0, 10);
        if (nonContract > 0) {
            problems.append(" ").append(nonContract).append(" answers outside the contract;");
        }
        String figures = String.format("samples=%d rss_mib %.0f->%.0f threads %.0f->%.0f fds %.0f->%.0f requests=%s",
                n, peak(middle, "rss_mib"), peak(last, "rss_mib"), peak(middle, "threads"), peak(last, "threads"),
                peak(middle, "fds"), peak(last, "fds"), csv.rows.get(n - 1).get("requests"));
        return (problems.length() == 0 ? "FLAT: " : "FAIL:" + problems + " ") + figures;
    }

    private static void check(StringBuilder problems, String what, double before, double after, double factor, double slack) {
        if (after > before * factor + slack) {
            problems.append(String.format(" %s grew %.0f -> %.0f;", what, before, after));
        }
    }

    private static double peak(List<Map<String, String>> rows, String column) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(column))).max().orElse(Double.NaN);
    }
}

package dev.alertscaler.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;

/**
 * Delivers a notification with Alertmanager's at-least-once behaviour. Within one flush of the
 * group a 5xx or a transport error is retried with exponential backoff (500 ms, ×1.5, ±50 %
 * jitter, as Alertmanager's notifier does) until the flush's budget — max(group_interval, 10 s)
 * for a single Alertmanager — runs out; a 2xx ends it, and a 4xx is dropped without a retry. A
 * flush whose retries ran out is not logged as sent, so the next flush of the group, a
 * group_interval after the last, sends the notification again ({@link #deliver(String, int, Duration)}).
 */
public final class AlertmanagerSender {

    /**
     * How a delivery ended: the last status (0: no answer), the attempts it took in all, and in
     * how many flushes.
     */
    public record Delivery(int status, int attempts, long millis, int flushes) {
        public boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;
    private final Duration budget;
    private final Random jitter;

    public AlertmanagerSender(String baseUrl, String token, Duration budget, long seed) {
        this.url = baseUrl + "/alertmanager";
        this.token = token;
        this.budget = budget;
        this.jitter = new Random(seed);
    }

    /** One flush: delivered, or the budget ran out, or a 4xx. */
    public Delivery deliver(String body) throws InterruptedException {
        long start = System.nanoTime();
        long giveUp = start + budget.toNanos();
        double backoffMs = 500;
        int attempts = 0;
        int status = 0;
        while (true) {
            attempts++;
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = 0;
            }
            if (status >= 200 && status < 500) {
                break;
            }
            double factor;
            synchronized (jitter) {
                factor = 0.5 + jitter.nextDouble();
            }
            long sleepMs = (long) (backoffMs * factor);
            if (System.nanoTime() + sleepMs * 1_000_000 > giveUp) {
                break;
            }
            Thread.sleep(sleepMs);
            backoffMs = Math.min(backoffMs * 1.5, 60_000);
        }
        return new Delivery(status, attempts, (System.nanoTime() - start) / 1_000_000, 1);
    }

    /**
     * Up to {@code flushes} flushes, each started {@code groupInterval} after the one before,
     * until one delivers it (or is answered a 4xx, which Alertmanager does not retry).
     */
    public Delivery deliver(String body, int flushes, Duration groupInterval) throws InterruptedException {
        long start = System.nanoTime();
        int attempts = 0;
        for (int flush = 1;; flush++) {
            long flushStart = System.nanoTime();
            Delivery one = deliver(body);
            attempts += one.attempts();
            if (one.delivered() || (one.status() >= 400 && one.status() < 500) || flush == flushes) {
                return new Delivery(one.status(), attempts, (System.nanoTime() - start) / 1_000_000, flush);
            }
            long untilNext = flushStart + groupInterval.toNanos() - System.nanoTime();
            if (untilNext > 0) {
                Thread.sleep(untilNext / 1_000_000, (int) (untilNext % 1_000_000));
            }
        }
    }
}

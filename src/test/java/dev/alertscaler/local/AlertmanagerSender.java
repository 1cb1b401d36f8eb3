package dev.alertscaler.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;

/**
 * Delivers a notification with Alertmanager's at-least-once behaviour: a 5xx or a transport error
 * is retried with exponential backoff (500 ms, ×1.5, ±50 % jitter, as Alertmanager's notifier does)
 * until the budget — max(group_interval, 10 s) in Alertmanager, 30 s for the shipped route — runs
 * out; a 2xx ends it, and a 4xx is dropped without a retry.
 */
public final class AlertmanagerSender {

    /** How a delivery ended: the last status (0: no answer) and the attempts it took. */
    public record Delivery(int status, int attempts, long millis) {
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
        return new Delivery(status, attempts, (System.nanoTime() - start) / 1_000_000);
    }
}

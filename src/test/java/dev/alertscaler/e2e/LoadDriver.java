package dev.alertscaler.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's k6 load, as threads: each user loops GET /delay/5 then a think time; the number of
 * active users follows the stages. Loopback only, and it stops by itself at the end of the stages.
 */
final class LoadDriver implements AutoCloseable {

    private final Scenario scenario;
    private final String url;
    private final Instant start = Instant.now();
    private final List<Thread> users = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean stopped;

    LoadDriver(Scenario scenario, int port) {
        this.scenario = scenario;
        this.url = "http://127.0.0.1:" + port + "/delay/5";
        for (int i = 0; i < 200; i++) {
            int index = i;
            Thread t = new Thread(() -> user(index), "user-" + i);
            t.setDaemon(true);
            users.add(t);
            t.start();
        }
    }

    private void user(int index) {
        Instant end = start.plus(scenario.loadDuration());
        while (!stopped && Instant.now().isBefore(end)) {
            try {
                if (index >= scenario.usersAt(Duration.between(start, Instant.now()))) {
                    Thread.sleep(100);
                    continue;
                }
                active.incrementAndGet();
                try {
                    get();
                } finally {
                    active.decrementAndGet();
                }
                Thread.sleep(scenario.thinkTime().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void get() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(300_000);
            try (InputStream in = c.getInputStream()) {
                in.readAllBytes();
            }
            if (c.getResponseCode() == 200) {
                completed.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        } catch (IOException e) {
            failed.incrementAndGet();
        }
    }

    Instant start() {
        return start;
    }

    int users() {
        return scenario.usersAt(Duration.between(start, Instant.now()));
    }

    long completed() {
        return completed.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        stopped = true;
        users.forEach(Thread::interrupt);
    }
}

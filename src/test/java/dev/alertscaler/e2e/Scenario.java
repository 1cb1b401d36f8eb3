package dev.alertscaler.e2e;

import java.time.Duration;

/**
 * A load shape at a time scale: {@code compression} 1 is the seed's own timings (5 s requests, the
 * 300 s window, 60 s periods); 3 runs everything three times faster, including the rules' windows,
 * the scrape interval and Alertmanager's intervals, so the seed's story plays in about 5 minutes.
 * Users are closed-loop: each sends its next request {@code thinkSeconds} after the last answer
 * (0: every user holds a connection all the time).
 */
record Scenario(int compression, Shape shape, int thinkSeconds) {

    static final int MAX_REPLICAS = 10;
    static final int MAXCONN = 30;
    static final int THRESHOLD = 10;
    /**
     * The install's one HAProxy scrape interval in seconds, also the scaling rules' evaluation
     * interval: the PodMonitor, deploy/prometheus and the rule tests hold the same value
     * (ScrapeIntervalTest).
     */
    static final int SCRAPE_INTERVAL_SECONDS = 2;

    /** The load shapes, in the seed's seconds. */
    enum Shape {
        /** The seed's k6 stages: 100 users in 30 s, 2 min, 200 users in 30 s, 5 min, down in 30 s. */
        SEED("the seed's load (100, then 200 users)", new int[][] {{0, 0}, {30, 100}, {150, 100}, {180, 200}, {480, 200}, {510, 0}}),
        /** 200 users in 30 s, held 15 minutes (longer than the window), down in 30 s. */
        SUSTAINED("sustained load (200 users for 15 minutes)", new int[][] {{0, 0}, {30, 200}, {930, 200}, {960, 0}});

        /** For the chart's title. */
        final String description;
        /** {seconds, users} corners; users move linearly between them. */
        private final int[][] corners;

        Shape(String description, int[][] corners) {
            this.description = description;
            this.corners = corners;
        }

        int users(double seedSeconds) {
            for (int i = 1; i < corners.length; i++) {
                if (seedSeconds < corners[i][0]) {
                    double f = (seedSeconds - corners[i - 1][0]) / (corners[i][0] - corners[i - 1][0]);
                    return (int) (corners[i - 1][1] + f * (corners[i][1] - corners[i - 1][1]));
                }
            }
            return 0;
        }

        int seconds() {
            return corners[corners.length - 1][0];
        }
    }

    /** The seed's shape without think time: the compressed run CI checks. */
    Scenario(int compression) {
        this(compression, Shape.SEED, 0);
    }

    Duration scaled(Duration seed) {
        return seed.dividedBy(compression);
    }

    /** Seconds as Prometheus and Alertmanager write them, at least 1s. */
    String seconds(int seedSeconds) {
        return Math.max(1, Math.round(seedSeconds / (float) compression)) + "s";
    }

    Duration requestDelay() {
        return scaled(Duration.ofSeconds(5));
    }

    Duration thinkTime() {
        return scaled(Duration.ofSeconds(thinkSeconds));
    }

    /** A new pod's start-up, from spec.replicas raised to the pod taking traffic. */
    Duration podStart() {
        return scaled(Duration.ofSeconds(10));
    }

    int usersAt(Duration sinceStart) {
        return shape.users(sinceStart.toMillis() / 1000.0 * compression);
    }

    Duration loadDuration() {
        return scaled(Duration.ofSeconds(shape.seconds()));
    }

    /**
     * What the load needs at {@code sinceStart}: the requests in flight if none waited, users × 5 /
     * (5 + think), over the connections one pod takes; at least 1, at most max.
     */
    int needAt(Duration sinceStart) {
        double inFlight = usersAt(sinceStart) * 5.0 / (5 + thinkSeconds);
        return Math.max(1, Math.min(MAX_REPLICAS, (int) Math.ceil(inFlight / MAXCONN - 1e-9)));
    }

    Duration window() {
        return scaled(Duration.ofSeconds(300));
    }

    Duration scaleDownPeriod() {
        return scaled(Duration.ofSeconds(60));
    }

    Duration scaleUpPeriod() {
        return scaled(Duration.ofSeconds(30));
    }

    Duration reconcileInterval() {
        return scaled(Duration.ofSeconds(15));
    }

    Duration alertTtl() {
        return scaled(Duration.ofMinutes(15));
    }

    Duration heartbeatTimeout() {
        return scaled(Duration.ofMinutes(5));
    }

    /** After the load: the window and enough periods to step from max to min, and some slack. */
    Duration tail() {
        return window().plus(scaleDownPeriod().multipliedBy(8)).plus(scaled(Duration.ofSeconds(90)));
    }
}

package dev.alertscaler.e2e;

import java.time.Duration;

/**
 * The seed's scenario at a time scale: {@code compression} 1 is the seed's own timings (k6 stages,
 * 5 s requests, the 300 s window, 60 s periods); 3 runs everything three times faster, including
 * the rules' windows and Alertmanager's intervals, so the same story plays in about 5 minutes.
 */
record Scenario(int compression) {

    static final int MAX_REPLICAS = 10;
    static final int MAXCONN = 30;
    static final int THRESHOLD = 10;

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
        return scaled(Duration.ofSeconds(1));
    }

    /** A new pod's start-up, from spec.replicas raised to the pod taking traffic. */
    Duration podStart() {
        return scaled(Duration.ofSeconds(10));
    }

    /** k6's stages: ramp to 100 users in 30 s, hold 2 min, ramp to 200 in 30 s, hold 5 min, ramp down 30 s. */
    int usersAt(Duration sinceStart) {
        double s = sinceStart.toMillis() / 1000.0 * compression;
        if (s < 30) {
            return (int) (100 * s / 30);
        }
        if (s < 150) {
            return 100;
        }
        if (s < 180) {
            return 100 + (int) (100 * (s - 150) / 30);
        }
        if (s < 480) {
            return 200;
        }
        if (s < 510) {
            return (int) (200 * (1 - (s - 480) / 30));
        }
        return 0;
    }

    Duration loadDuration() {
        return scaled(Duration.ofSeconds(510));
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

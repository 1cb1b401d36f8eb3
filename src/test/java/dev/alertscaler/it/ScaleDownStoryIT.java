package dev.alertscaler.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.alertscaler.TargetFixtures;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import dev.alertscaler.local.MockApiResource.InjectMockApi;
import dev.alertscaler.local.ReadyAgent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The reconciler's Done-when story on the packaged jar and the mock API, in real time with the
 * window and period shortened through the annotations: scaled to 8 by alerts, it stays at 8 for
 * the whole window after the resolved notification, then goes 8 → 6 → 4 → 3 → 2 → 1, one step per
 * scale-down period. Margins: samples every 100 ms, and 300 ms of slack on every lower bound; no
 * upper bound on how late a step may come, beyond an overall 90 s.
 */
@QuarkusIntegrationTest
@WithTestResource(MockApiResource.class)
@WithTestResource(PackagedJarConfig.class)
class ScaleDownStoryIT {

    static final Duration WINDOW = Duration.ofSeconds(6);
    static final Duration PERIOD = Duration.ofSeconds(2);
    static final Duration SLACK = Duration.ofMillis(300);

    @InjectMockApi
    MockApi api;

    record Sample(Instant at, int replicas) {
    }

    @Test
    void eightStaysForTheWindowThenStepsDownOnePeriodAtATime() throws Exception {
        TargetFixtures targets = new TargetFixtures(api.client());
        targets.deployment("default", "shrink", 1, Map.of(
                "alertscaler.dev/max-replicas", "8",
                "alertscaler.dev/scale-up-period", "1s",
                "alertscaler.dev/stabilization-window", WINDOW.toSeconds() + "s",
                "alertscaler.dev/scale-down-period", PERIOD.toSeconds() + "s"));
        String firing = Files.readString(Path.of("deploy/local/firing-alert.json"))
                .replace("\"deployment\": \"app\"", "\"deployment\": \"shrink\"")
                .replace("2026-11-28T05:00:00.000Z", Instant.now().minusSeconds(60).toString());
        try (ReadyAgent kubelet = ReadyAgent.start(api.client(), Duration.ZERO)) {
            deliver(firing);
            List<Sample> up = sampleUntil(targets, s -> s.replicas() == 8, Duration.ofSeconds(60));
            assertEquals(8, up.get(up.size() - 1).replicas(), "scaled up to 8 by the alert: " + up);

            Instant resolvedAt = Instant.now();
            deliver(firing.replace("\"status\": \"firing\"", "\"status\": \"resolved\"")
                    .replace("0001-01-01T00:00:00Z", resolvedAt.toString()));
            List<Sample> down = sampleUntil(targets, s -> s.replicas() == 1, Duration.ofSeconds(90));

            List<Sample> steps = changes(down);
            assertEquals(List.of(8, 6, 4, 3, 2, 1), steps.stream().map(Sample::replicas).toList(), "steps: " + steps);
            Instant windowEnd = resolvedAt.plus(WINDOW).minus(SLACK);
            for (Sample s : down) {
                if (s.at().isBefore(windowEnd)) {
                    assertEquals(8, s.replicas(), "inside the window at " + Duration.between(resolvedAt, s.at()));
                }
            }
            for (int i = 2; i < steps.size(); i++) {
                Duration gap = Duration.between(steps.get(i - 1).at(), steps.get(i).at());
                assertTrue(gap.compareTo(PERIOD.minus(SLACK)) >= 0, "step " + i + " came " + gap + " after the last");
            }
            // each step's Event is written after its update, so the last one may trail the count the test saw
            Instant eventsBy = Instant.now().plusSeconds(20);
            while (targets.events("default", "shrink", "ScaledDown").size() < 5 && Instant.now().isBefore(eventsBy)) {
                Thread.sleep(100);
            }
            assertEquals(5, targets.events("default", "shrink", "ScaledDown").size(), "one ScaledDown Event per step");
        }
    }

    private static List<Sample> changes(List<Sample> samples) {
        List<Sample> changes = new ArrayList<>();
        for (Sample s : samples) {
            if (changes.isEmpty() || changes.get(changes.size() - 1).replicas() != s.replicas()) {
                changes.add(s);
            }
        }
        return changes;
    }

    private static List<Sample> sampleUntil(TargetFixtures targets, java.util.function.Predicate<Sample> done,
            Duration limit) throws InterruptedException {
        List<Sample> samples = new ArrayList<>();
        Instant giveUp = Instant.now().plus(limit);
        while (Instant.now().isBefore(giveUp)) {
            Sample s = new Sample(Instant.now(), targets.replicas("default", "shrink"));
            samples.add(s);
            if (done.test(s)) {
                return samples;
            }
            Thread.sleep(100);
        }
        return samples;
    }

    private static void deliver(String body) throws InterruptedException {
        for (int attempt = 0; attempt < 8; attempt++) {
            int status = given().header("Authorization", "Bearer " + PackagedJarConfig.TOKEN)
                    .contentType("application/json").body(body).post("/alertmanager").then().extract().statusCode();
            if (status < 500) {
                assertEquals(200, status);
                return;
            }
            Thread.sleep(250L << Math.min(attempt, 3));
        }
    }
}

package dev.alertscaler.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.alertscaler.MutableClock;
import dev.alertscaler.local.MockApi;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Readiness's {@code kubernetes-api} probe against the mock Kubernetes API (fabric8's, in CRUD mode:
 * no kube-apiserver can be installed here), then against the same address once it is gone.
 */
class ApiProbeTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void reachableWhileTheApiAnswersAndNotOnceItIsGone() {
        MockApi api = MockApi.start(0);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(api.url()).withRequestRetryBackoffLimit(0).withAutoConfigure(false).build()).build()) {
            ApiProbe probe = new ApiProbe(() -> client.getKubernetesVersion().getGitVersion(), clock, executor);
            ApiProbe.Reachability up = probe.check();
            assertTrue(up.reachable(), up.detail());

            api.close();
            clock.advance(Duration.ofSeconds(4));
            assertSame(up, probe.check(), "a fresh answer is reused: probes cost at most one call per 5 s");

            clock.advance(Duration.ofSeconds(1));
            ApiProbe.Reachability down = probe.check();
            assertFalse(down.reachable(), down.detail());
            assertTrue(down.detail().contains("GET /version failed"), down.detail());
        }
    }

    @Test
    void anHttpErrorIsAnAnswer() {
        ApiProbe probe = new ApiProbe(() -> {
            throw new io.fabric8.kubernetes.client.KubernetesClientException("forbidden", 403, null);
        }, clock, executor);
        ApiProbe.Reachability r = probe.check();
        assertTrue(r.reachable(), "a 403 comes from a reachable API: " + r.detail());
        assertEquals(clock.instant(), r.at());
    }

    @Test
    void aProbeThatHangsIsNotWaitedForBeyondItsBound() {
        ApiProbe probe = new ApiProbe(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        }, clock, executor);
        ApiProbe.Reachability r = probe.check();
        assertFalse(r.reachable());
        assertTrue(r.detail().startsWith("no answer within"), r.detail());
    }
}

package dev.alertscaler.alertmanager;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.alertscaler.Metrics;
import dev.alertscaler.kubernetes.WorkloadCache;
import dev.alertscaler.local.MockApi;
import dev.alertscaler.local.MockApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The watch cache's first LIST fails (an API server restarting while alertscaler starts, here the
 * mock Kubernetes API in CRUD mode answering 500 twice): the cache must recover by itself and say
 * so in readiness and in {@code alertscaler_watch_cache_ready}. fabric8's informer gives up for good
 * after a failed first LIST unless told to retry.
 */
@QuarkusTest
@WithTestResource(WatchCacheRecoveryTest.FirstListFails.class)
class WatchCacheRecoveryTest {

    /** The mock API whose first two LISTs of Deployments fail, with the watch cache on. */
    public static class FirstListFails extends MockApiResource {
        @Override
        protected void prepare(MockApi api) {
            api.server().expect().get()
                    .withPath("/apis/apps/v1/deployments?labelSelector=alertscaler.dev%2Fenabled%3Dtrue&resourceVersion=0")
                    .andReturn(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"etcdserver: leader changed\"}").times(2);
        }

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new java.util.HashMap<>(super.start());
            config.put("alertscaler.webhook.watch-cache", "true");
            return config;
        }
    }

    @Inject
    WorkloadCache cache;

    @Test
    void aFailedFirstListIsRetriedUntilTheCacheIsReady() throws InterruptedException {
        // fabric8 retries with its backoff (1 s, then 2 s): well inside this bound on a loaded machine
        long giveUp = System.nanoTime() + 60_000_000_000L;
        while (!cache.ready() && System.nanoTime() < giveUp) {
            Thread.sleep(100);
        }
        assertTrue(cache.ready(), "watch cache not ready: " + cache.state());
        assertEquals(1.0, Metrics.value("alertscaler_watch_cache_ready"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'watch-cache' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'watch-cache' }.data.deployments", equalTo("watching"))
                .body("checks.find { it.name == 'kubernetes-api' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'alertmanager-heartbeat' }.status", equalTo("UP"));
    }
}

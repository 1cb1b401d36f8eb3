package dev.alertscaler.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import dev.alertscaler.scaling.ApiException;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * How an API failure reaches the scaler: a conflict, one a retry may cure (Alertmanager gets a 503
 * and sends again), or one it will not. Guards the {@code code <= 0} in {@link ApiCalls#classify}.
 */
class ApiCallsTest {

    @Test
    void answersAreClassifiedByTheirCode() {
        assertEquals(ApiException.Kind.CONFLICT, ApiCalls.classify("x", new KubernetesClientException("c", 409, null)).kind());
        for (int code : new int[] { 429, 500, 502, 503 }) {
            assertEquals(ApiException.Kind.TRANSIENT, ApiCalls.classify("x", new KubernetesClientException("t", code, null)).kind(),
                    "HTTP " + code);
        }
        for (int code : new int[] { 400, 403, 404, 422 }) {
            assertEquals(ApiException.Kind.PERMANENT, ApiCalls.classify("x", new KubernetesClientException("p", code, null)).kind(),
                    "HTTP " + code);
        }
    }

    /** A refused connection, made for real with fabric8 7.5: no HTTP answer, so a retry may help. */
    @Test
    void aLostConnectionIsTransient() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + closed).withRequestRetryBackoffLimit(0)
                .withAutoConfigure(false).build()).build()) {
            KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                    () -> client.apps().deployments().inNamespace("default").withName("app").get());
            assertTrue(refused.getCode() <= 0, "fabric8 reports no HTTP answer as " + refused.getCode());
            ApiException classified = ApiCalls.classify("read default/deployments/app", refused);
            assertEquals(ApiException.Kind.TRANSIENT, classified.kind(), classified.getMessage());
            assertTrue(classified instanceof ApiException.Transient, "retried by fault tolerance");
        }
    }
}

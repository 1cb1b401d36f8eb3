package dev.alertscaler.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import dev.alertscaler.kubernetes.KubernetesClientTuning;
import io.fabric8.mockwebserver.http.RecordedRequest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

/**
 * The stand-in for a Kubernetes API server: fabric8's mock server in CRUD mode on loopback (no
 * kube-apiserver can be installed here). Expectations set with {@link #server()} are answered
 * first, so tests can inject faults; everything else is stored and served like a real API.
 */
public final class MockApi implements AutoCloseable {

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    private MockApi(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    /** Starts the mock on 127.0.0.1; port 0 picks a free one. */
    public static MockApi start(int port) {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        try {
            server.init(InetAddress.getLoopbackAddress(), port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the mock Kubernetes API on port " + port, e);
        }
        return new MockApi(server);
    }

    /** Creates every object of a multi-document YAML file (the sample app, say). */
    public MockApi seed(Path yaml) {
        try (InputStream in = Files.newInputStream(yaml)) {
            for (HasMetadata item : client.load(in).items()) {
                client.resource(item).create();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    /** A client of the mock, for seeding and for asserting on what the service wrote. */
    public NamespacedKubernetesClient client() {
        return client;
    }

    /** The mock server itself, for fault expectations and request counts. */
    public KubernetesMockServer server() {
        return server;
    }

    /** A kubeconfig pointing at this mock, as a real cluster's would. */
    public Path writeKubeconfig(Path file) throws IOException {
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster:
                      server: %s
                contexts:
                  - name: mock
                    context:
                      cluster: mock
                      user: mock
                      namespace: default
                current-context: mock
                users:
                  - name: mock
                    user:
                      token: mock
                """.formatted(url()));
        return file;
    }

    /** Where the requests alertscaler made are recorded, for RbacIT to derive the verbs it needs. */
    public static final Path REQUEST_LOG = Path.of("target", "kubernetes-api-requests.txt");

    @Override
    public void close() {
        recordServiceRequests();
        client.close();
        server.destroy();
    }

    /**
     * Takes "METHOD PATH" of every request alertscaler (by its User-Agent) made since the last take,
     * in order, for counting API calls; they are also appended to {@link #REQUEST_LOG} for RbacIT.
     */
    public List<String> takeServiceRequests() throws InterruptedException {
        List<String> taken = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            String agent = request.getHeader("User-Agent");
            if (agent != null && agent.startsWith(KubernetesClientTuning.USER_AGENT)) {
                taken.add(request.getMethod() + ' ' + request.getPath());
            }
        }
        StringBuilder lines = new StringBuilder();
        taken.forEach(r -> lines.append(r).append('\n'));
        try {
            Files.createDirectories(REQUEST_LOG.getParent());
            Files.writeString(REQUEST_LOG, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return taken;
    }

    /** Appends "METHOD PATH" of every request alertscaler made to this mock to {@link #REQUEST_LOG}. */
    private void recordServiceRequests() {
        try {
            takeServiceRequests();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

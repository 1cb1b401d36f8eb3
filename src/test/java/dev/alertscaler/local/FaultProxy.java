package dev.alertscaler.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fault-injecting HTTP proxy in front of the mock Kubernetes API, on loopback: a chosen fraction
 * of the requests whose "METHOD PATH" matches a predicate get a fault instead of (or after) the
 * real answer, drawn from a seeded {@link Random}. In the spirit of etcd's and Kubernetes' own
 * failure injection; plain JDK, no watch support (use it with the watch cache off).
 */
public final class FaultProxy implements AutoCloseable {

    /** What can go wrong with one request. */
    public enum Fault {
        /** 500 with a Kubernetes Status: the API server failed. */
        ERROR_500,
        /** 429: the API server sheds load. */
        TOO_MANY_429,
        /** 409 on a write: someone else wrote first. */
        CONFLICT_409,
        /** The request is forwarded after 2 s, past the client's 1.5 s attempt timeout: it may land unseen. */
        SLOW,
        /** The connection is closed before the request reaches the API. */
        DROP_BEFORE,
        /** The request is applied, then the connection is closed before the answer: a write with no answer. */
        DROP_AFTER
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String upstream;
    private final Random random;
    private volatile double fraction;
    private volatile Predicate<String> applies = r -> false;
    private final Fault[] faults;
    private final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();

    private FaultProxy(String upstream, long seed, Fault[] faults) throws IOException {
        this.upstream = upstream;
        this.random = new Random(seed);
        this.faults = faults;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A proxy to {@code upstream} (the mock API's URL) that injects the given faults, evenly drawn. */
    public static FaultProxy start(String upstream, long seed, Fault... faults) throws IOException {
        return new FaultProxy(upstream, seed, faults);
    }

    /** From now on, {@code fraction} of the requests whose "METHOD PATH" matches get a fault. */
    public FaultProxy inject(double fraction, Predicate<String> requests) {
        this.fraction = fraction;
        this.applies = requests;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many of each fault were injected so far. */
    public Map<Fault, Integer> injected() {
        Map<Fault, Integer> counts = new java.util.TreeMap<>();
        injected.forEach((f, n) -> counts.put(f, n.get()));
        return counts;
    }

    private Fault draw(String request) {
        if (!applies.test(request)) {
            return null;
        }
        synchronized (random) {
            if (random.nextDouble() >= fraction) {
                return null;
            }
            Fault fault = faults[random.nextInt(faults.length)];
            if (fault == Fault.CONFLICT_409 && request.startsWith("GET ")) {
                return Fault.ERROR_500;
            }
            return fault;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            String request = exchange.getRequestMethod() + " " + path;
            byte[] body = exchange.getRequestBody().readAllBytes();
            Fault fault = draw(request);
            if (fault != null) {
                injected.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
            }
            if (fault == Fault.ERROR_500 || fault == Fault.TOO_MANY_429 || fault == Fault.CONFLICT_409) {
                int code = fault == Fault.ERROR_500 ? 500 : fault == Fault.TOO_MANY_429 ? 429 : 409;
                send(exchange, code, ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code
                        + ",\"message\":\"injected by FaultProxy\"}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (fault == Fault.DROP_BEFORE) {
                return; // closed without an answer
            }
            if (fault == Fault.SLOW) {
                Thread.sleep(2000);
            }
            HttpResponse<byte[]> answer = forward(exchange, path, body);
            if (fault == Fault.DROP_AFTER) {
                return; // applied upstream; the answer never comes
            }
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            send(exchange, answer.statusCode(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, String path, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(upstream + path)).timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> out.header(name, v));
            }
        });
        return client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void send(HttpExchange exchange, int code, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

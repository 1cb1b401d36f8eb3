package dev.alertscaler.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * Sits between Alertmanager and alertscaler: passes every notification on unchanged (headers that
 * matter, body, and alertscaler's answer back) and keeps a copy, so that the real notifications of
 * a run can become test fixtures.
 */
final class NotificationRecorder implements AutoCloseable {

    final int port;
    private final HttpServer server;
    private final AtomicInteger count = new AtomicInteger();

    NotificationRecorder(Path dir, int alertscalerPort) throws IOException {
        Path out = Files.createDirectories(dir.resolve("notifications"));
        HttpClient http = HttpClient.newHttpClient();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/alertmanager", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String status = new String(body).contains("\"status\":\"resolved\"") ? "resolved" : "firing";
            Files.write(out.resolve("%03d-%s.json".formatted(count.incrementAndGet(), status)), body);
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alertscalerPort + "/alertmanager"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : new String[] { "Authorization", "Content-Type", "User-Agent" }) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null && !header.equals("User-Agent")) {
                    forward.header(header, value);
                }
            }
            int code;
            byte[] answer;
            try {
                HttpResponse<byte[]> r = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                code = r.statusCode();
                answer = r.body();
            } catch (IOException | InterruptedException e) {
                code = 502;
                answer = e.toString().getBytes();
            }
            exchange.sendResponseHeaders(code, answer.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(answer);
            }
        });
        server.start();
        port = server.getAddress().getPort();
    }

    int count() {
        return count.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

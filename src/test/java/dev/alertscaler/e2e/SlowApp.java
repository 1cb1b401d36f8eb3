package dev.alertscaler.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The seed's slow app, one listener per pod slot: {@code GET /delay/{seconds}} answers after that
 * many seconds divided by the compression. HAProxy's maxconn, not this app, limits concurrency.
 */
final class SlowApp implements AutoCloseable {

    private final List<HttpServer> servers = new ArrayList<>();

    SlowApp(int pods, int compression) throws IOException {
        for (int i = 0; i < pods; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/delay/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                double seconds;
                try {
                    seconds = Double.parseDouble(path.substring(path.lastIndexOf('/') + 1));
                } catch (NumberFormatException e) {
                    seconds = 0;
                }
                try {
                    Thread.sleep(Duration.ofMillis((long) (seconds * 1000 / compression)).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            servers.add(server);
        }
    }

    int port(int pod) {
        return servers.get(pod).getAddress().getPort();
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}

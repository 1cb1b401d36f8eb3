package dev.alertscaler.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HAProxy 2.6 (Debian) as the ingress controller of the seed: a frontend, the backend
 * {@code default_app_80} (the controller's 1.8–3.1 naming) with one server slot per possible pod,
 * {@code maxconn 30} each, so that what exceeds them queues; the built-in Prometheus exporter; and
 * the runtime API, through which the replica agent turns slots on and off.
 */
final class Haproxy implements AutoCloseable {

    static final String BACKEND = "default_app_80";

    final int frontendPort;
    final int exporterPort;
    final int runtimePort;
    private final Process process;

    Haproxy(Path dir, SlowApp app, int slots, int maxconn) throws IOException {
        frontendPort = Ports.free();
        exporterPort = Ports.free();
        runtimePort = Ports.free();
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < slots; i++) {
            // slot 1 is the one pod the Deployment starts with; the others wait in maintenance
            servers.append("    server s%d 127.0.0.1:%d maxconn %d%s\n".formatted(i + 1, app.port(i), maxconn,
                    i == 0 ? "" : " disabled"));
        }
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, """
                global
                    maxconn 5000
                    stats socket ipv4@127.0.0.1:%d level admin
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 300s
                    timeout server 300s
                    # requests wait in the queue, as behind the ingress controller, rather than fail
                    timeout queue 300s
                frontend app
                    bind 127.0.0.1:%d
                    default_backend %s
                frontend metrics
                    bind 127.0.0.1:%d
                    http-request use-service prometheus-exporter if { path /metrics }
                backend %s
                    balance leastconn
                %s""".formatted(runtimePort, frontendPort, BACKEND, exporterPort, BACKEND, servers));
        process = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        Ports.awaitListening(frontendPort, process, "haproxy");
        Ports.awaitListening(runtimePort, process, "haproxy runtime API");
    }

    /** One command on the runtime API; returns its answer. */
    synchronized String command(String command) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), runtimePort)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    void setReady(int slot, boolean ready) throws IOException {
        String answer = command("set server %s/s%d state %s".formatted(BACKEND, slot, ready ? "ready" : "maint"));
        if (!answer.isBlank()) {
            throw new IOException("haproxy refused slot " + slot + ": " + answer.trim());
        }
    }

    /** The backend's current queue, from {@code show stat} (field qcur). */
    int queue() throws IOException {
        for (String line : command("show stat").split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length > 3 && f[0].equals(BACKEND) && f[1].equals("BACKEND")) {
                return f[2].isEmpty() ? 0 : Integer.parseInt(f[2]);
            }
        }
        throw new IOException("no BACKEND row for " + BACKEND + " in show stat");
    }

    @Override
    public void close() {
        process.destroy();
    }
}

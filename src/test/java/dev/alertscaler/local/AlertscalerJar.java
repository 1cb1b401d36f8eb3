package dev.alertscaler.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged jar as a plain process on loopback, pointed at a mock Kubernetes API: what the
 * local run, the end-to-end run and the benchmarks start. {@code properties} become
 * {@code -Dkey=value}; {@code jvmOptions} go before them.
 */
public final class AlertscalerJar implements AutoCloseable {

    public final int port;
    public final Process process;
    /** {@link System#nanoTime()} just before the process was started. */
    public final long startedNanos;

    private AlertscalerJar(int port, Process process, long startedNanos) {
        this.port = port;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    public static AlertscalerJar start(Path jar, String apiUrl, List<String> jvmOptions, Map<String, String> properties,
            Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dkubernetes.master=" + apiUrl, "-Dkubernetes.auth.tryKubeConfig=false",
                "-Dkubernetes.auth.tryServiceAccount=false"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (log == null) {
            builder.inheritIO();
        } else {
            builder.redirectOutput(log.toFile());
        }
        long started = System.nanoTime();
        return new AlertscalerJar(port, builder.start(), started);
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Waits until {@code path} answers with any HTTP status, polling every 5 ms; returns the
     * nanoseconds from the process start to that first answer.
     */
    public long awaitFirstAnswer(String path) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < giveUp) {
            if (!process.isAlive()) {
                throw new IllegalStateException("alertscaler exited with " + process.exitValue() + " before it answered");
            }
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                return System.nanoTime() - startedNanos;
            } catch (IOException e) {
                Thread.sleep(5); // not listening yet
            }
        }
        throw new IllegalStateException("alertscaler did not answer " + path + " within 60 s");
    }

    /** Waits until the readiness check answers 200. */
    public void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < giveUp) {
            if (!process.isAlive()) {
                throw new IllegalStateException("alertscaler exited with " + process.exitValue() + " before it was ready");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("alertscaler not ready within 60 s at " + base());
    }

    /** Resident set size in KiB, from /proc (Linux). */
    public long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}

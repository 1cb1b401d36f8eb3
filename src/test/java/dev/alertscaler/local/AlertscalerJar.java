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
 * {@code -Dkey=value}; {@code jvmOptions} go before them. The same runs a native executable
 * (a path that does not end in {@code .jar}) the same way, without {@code java}: that is how the
 * packaged-artifact tests run against the binary in the native build ({@link #packaged()}).
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

    /**
     * What the packaged-artifact tests run: the jar, or the native executable when the build says so
     * (the {@code native} profile sets {@code alertscaler.it.packaged} to the {@code -runner}).
     */
    public static Path packaged() {
        return Path.of(System.getProperty("alertscaler.it.packaged", "target/quarkus-app/quarkus-run.jar"));
    }

    /** The command that starts {@code artifact}: {@code java options -jar artifact}, or a native executable with the options. */
    public static List<String> command(String javaBinary, Path artifact, List<String> options) {
        List<String> command = new ArrayList<>();
        boolean jar = artifact.getFileName().toString().endsWith(".jar");
        command.add(jar ? javaBinary : artifact.toString());
        command.addAll(options);
        if (jar) {
            command.addAll(List.of("-jar", artifact.toString()));
        }
        return command;
    }

    public static AlertscalerJar start(Path jar, String apiUrl, List<String> jvmOptions, Map<String, String> properties,
            Path log) throws IOException {
        return start(freePort(), jar, apiUrl, jvmOptions, Map.of(), properties, log);
    }

    /**
     * The same on a given port (for a caller that must know it before the start), with variables
     * added to the process's environment (MALLOC_ARENA_MAX, …).
     */
    public static AlertscalerJar start(int port, Path jar, String apiUrl, List<String> jvmOptions,
            Map<String, String> environment, Map<String, String> properties, Path log) throws IOException {
        return start(Path.of(System.getProperty("java.home"), "bin", "java").toString(), port, jar, apiUrl, jvmOptions, environment,
                properties, log);
    }

    /** The same with another {@code java} binary (a JDK 25 for its AOT cache). */
    public static AlertscalerJar start(String javaBinary, int port, Path jar, String apiUrl, List<String> jvmOptions,
            Map<String, String> environment, Map<String, String> properties, Path log) throws IOException {
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dkubernetes.master=" + apiUrl, "-Dkubernetes.auth.tryKubeConfig=false",
                "-Dkubernetes.auth.tryServiceAccount=false"));
        properties.forEach((k, v) -> options.add("-D" + k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command(javaBinary, jar, options)).redirectErrorStream(true);
        builder.environment().putAll(environment);
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
        poll(path, status -> true, 5, "answer " + path);
        return System.nanoTime() - startedNanos;
    }

    /** Waits until the readiness check answers 200. */
    public void awaitReady() throws IOException, InterruptedException {
        poll("/q/health/ready", status -> status == 200, 100, "be ready at " + base());
    }

    private void poll(String path, java.util.function.IntPredicate done, long sleepMillis, String what)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(5)).build();
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < giveUp) {
            if (!process.isAlive()) {
                throw new IllegalStateException("alertscaler exited with " + process.exitValue() + " before it could " + what);
            }
            try {
                if (done.test(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode())) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(sleepMillis);
        }
        throw new IllegalStateException("alertscaler did not " + what + " within 60 s");
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

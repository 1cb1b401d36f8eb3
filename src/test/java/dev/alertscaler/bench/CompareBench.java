package dev.alertscaler.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * alertscaler against the model of KEDA + HPA on the end-to-end stack, one after the other on the
 * same load: each run is {@code dev.alertscaler.e2e.EndToEnd} in its own JVM, alternating the
 * scalers so that the machine's slow minutes fall on both. Each run leaves its timeline CSV,
 * chart and {@code summary.csv} in its own folder.
 */
final class CompareBench {

    static final List<String> SCALERS = List.of("alertscaler", "keda-model");

    private final Bench.Settings settings;
    private final Path dir;

    CompareBench(Bench.Settings settings, Path dir) {
        this.settings = settings;
        this.dir = dir;
    }

    void run() throws Exception {
        for (int r = 1; r <= settings.compareRuns(); r++) {
            for (String scaler : SCALERS) {
                e2e(scaler, "compressed", r);
            }
        }
        if (settings.full()) {
            for (String scaler : SCALERS) {
                e2e(scaler, "full", 1);
            }
        }
    }

    private void e2e(String scaler, String mode, int run) throws Exception {
        Path out = dir.resolve(mode + "-" + scaler + "-" + run);
        Bench.log("end to end: " + scaler + ", " + mode + ", run " + run + " -> " + out);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", System.getProperty("java.class.path"),
                "dev.alertscaler.e2e.EndToEnd", "--scaler", scaler, "--out", out.toString()));
        if (mode.equals("full")) {
            command.add("--full");
        }
        Files.createDirectories(out);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolve("run.log").toFile()).start();
        if (p.waitFor() != 0 || !Files.exists(out.resolve("summary.csv"))) {
            throw new IllegalStateException("the end-to-end run failed: see " + out.resolve("run.log"));
        }
    }
}

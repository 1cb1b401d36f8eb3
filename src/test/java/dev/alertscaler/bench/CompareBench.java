package dev.alertscaler.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * alertscaler against the model of KEDA + HPA on the end-to-end stack, one after the other on the
 * same load, for each load shape: each run is {@code dev.alertscaler.e2e.EndToEnd} in its own JVM,
 * alternating the scalers so that the machine's slow minutes fall on both; alertscaler's chart
 * draws the model's replicas of the run just before. Each run leaves its timeline CSV, chart and
 * {@code summary.csv} in a folder named {@code <mode>_<shape>-<scaler>-<n>}.
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
        for (String shape : settings.shapes()) {
            for (int r = 1; r <= settings.compareRuns(); r++) {
                pair("compressed", shape, r);
            }
            if (settings.full()) {
                pair("full", shape, 1);
            }
        }
    }

    private void pair(String mode, String shape, int run) throws Exception {
        Path model = e2e(SCALERS.get(1), mode, shape, run, null);
        e2e(SCALERS.get(0), mode, shape, run, model.resolve("timeline.csv"));
    }

    private Path e2e(String scaler, String mode, String shape, int run, Path overlay) throws Exception {
        Path out = dir.resolve(mode + "_" + shape + "-" + scaler + "-" + run);
        Bench.log("end to end: " + scaler + ", " + mode + ", " + shape + " load, run " + run + " -> " + out);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", System.getProperty("java.class.path"),
                "dev.alertscaler.e2e.EndToEnd", "--scaler", scaler, "--shape", shape, "--out", out.toString()));
        if (mode.equals("full")) {
            command.add("--full");
        }
        if (overlay != null) {
            command.addAll(List.of("--overlay", overlay.toString()));
        }
        Files.createDirectories(out);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolve("run.log").toFile()).start();
        if (p.waitFor() != 0 || !Files.exists(out.resolve("summary.csv"))) {
            throw new IllegalStateException("the end-to-end run failed: see " + out.resolve("run.log"));
        }
        return out;
    }
}

package dev.alertscaler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmarks, in one command ({@code deploy/local/bench.sh}): webhook, a group delivered to two
 * instances at once, reconciler, footprint
 * and the comparison with a model of KEDA + HPA. Each run writes a CSV under {@code target/bench/};
 * {@link Report} turns them into medians with min–max ({@code target/bench/summary.md}).
 *
 * <p>Options: {@code --runs N} (default 5), {@code --compare-runs N} (default 3 compressed runs of
 * each scaler per load shape; 0 skips them), {@code --shapes seed,sustained} (the end-to-end load
 * shapes, default both), {@code --full} (adds one run of each scaler per shape at the seed's own
 * timings, about 95 minutes), {@code --only webhook,pair,reconciler,footprint,compare}, {@code --smoke} (one
 * short run of each but the comparison, then checks the CSVs' schema and that they counted
 * something; for CI — it says nothing about speed), {@code --jvm-options "..."} (for the webhook
 * and reconciler sections' jar; default: the JVM's defaults), {@code --out DIR} (default
 * {@code target/bench}, {@code target/bench-smoke}).
 */
public final class Bench {

    /** Held so that the level set on it sticks: the mock logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    record Settings(Path jar, List<String> jvmOptions, int runs, int[] concurrencies, int loadSeconds, int warmupSeconds,
            int stepTargets, int stormTargets, int stormAlertsPerTarget, int pairTargets, int[] reconcilerSizes, int idleSeconds,
            Map<String, Jvm> footprintVariants, int compareRuns, boolean full, List<String> shapes) {
    }

    /**
     * The JVMs the footprint is measured with: the JVM's defaults, what the JVM image runs
     * ({@link Jvm#image()}), and that with an application class-data archive ({@link FootprintBench#APPCDS});
     * the JDK 25 image with and without its AOT cache, and the native executable, where they were built.
     * {@code baseline}, a {@code target/} folder of another build (a worktree of an earlier commit), adds
     * its variants as {@code <variant>@baseline}, measured in the same runs as this build's: the before
     * and after of a change on a machine whose speed drifts. {@code only}, when not empty, keeps those variants, in its order.
     */
    static Map<String, Jvm> footprintVariants(Optional<Path> baseline, List<String> only) throws IOException {
        Map<String, Jvm> variants = new LinkedHashMap<>(variantsOf(Path.of("target"), true));
        if (baseline.isPresent()) {
            if (!Files.isRegularFile(baseline.get().resolve("quarkus-app/quarkus-run.jar"))) {
                throw new IllegalArgumentException("--baseline " + baseline.get() + ": no quarkus-app/quarkus-run.jar there (a target/ folder of a packaged build)");
            }
            variantsOf(baseline.get(), false).forEach((name, jvm) -> variants.put(name + "@baseline", jvm));
        }
        if (!only.isEmpty()) {
            if (!variants.keySet().containsAll(only)) {
                throw new IllegalArgumentException("--variants " + only + ": the variants here are " + variants.keySet());
            }
            Map<String, Jvm> chosen = new LinkedHashMap<>();
            only.forEach(name -> chosen.put(name, variants.get(name)));   // in the order given: alternate before and after
            return chosen;
        }
        return variants;
    }

    /** The variants of the build in {@code target}; the class-data archive is trained on this build only ({@code withAppCds}). */
    private static Map<String, Jvm> variantsOf(Path target, boolean withAppCds) throws IOException {
        Path app = target.resolve("quarkus-app").toAbsolutePath();
        Jvm image = Jvm.image().in(app);
        Map<String, Jvm> variants = new LinkedHashMap<>();
        variants.put("jvm-defaults", Jvm.DEFAULTS.in(app));
        variants.put("jvm-image", image);
        if (withAppCds) {
            // the bench's own jar, as the training run starts it: the archive records the class path
            variants.put("jvm-image-appcds", Jvm.image().with(FootprintBench.APPCDS));
        }
        // the JDK 25 image (Dockerfile.jvm-aot) with the AOT cache its own build trained (deploy/local/aot-app.sh,
        // `./mvnw verify -Paot`), and the same JVM and options without it: only when that build is there
        Path aotApp = target.resolve("aot-app/quarkus-app").toAbsolutePath();
        String jdk25 = System.getenv().getOrDefault("JDK25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64") + "/bin/java";
        if (Files.exists(aotApp.resolve("app.aot")) && Files.isExecutable(Path.of(jdk25))) {
            variants.put("jdk25-image", Jvm.aotImage(jdk25, aotApp, false));
            variants.put("jdk25-image-aot", Jvm.aotImage(jdk25, aotApp, true));
        }
        // the native executable (Dockerfile.native-micro runs it with no options): only where it was built,
        // `./mvnw package -Dnative` on a machine with GraalVM/Mandrel or a container engine (.github/workflows/images.yml)
        try (var runners = Files.newDirectoryStream(target, "*-runner")) {
            for (Path runner : runners) {
                if (Files.isRegularFile(runner) && Files.isExecutable(runner)) {
                    variants.put("native", new Jvm(List.of(), Map.of(), null, runner.toAbsolutePath()));
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // no target/: nothing built
        }
        return variants;
    }

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        List<String> a = List.of(args);
        boolean smoke = a.contains("--smoke");
        List<String> only = a.contains("--only") ? List.of(value(args, "--only").split(","))
                : List.of("webhook", "pair", "reconciler", "footprint", "compare");
        List<String> jvm = a.contains("--jvm-options") ? List.of(value(args, "--jvm-options").trim().split("\\s+")) : List.of();
        Settings settings = smoke
                ? new Settings(Path.of("target/quarkus-app/quarkus-run.jar"), jvm, 1, new int[] {1, 8}, 2, 2, 10, 20, 5, 20,
                        new int[] {10, 100}, 1, Map.of("jvm-defaults", Jvm.DEFAULTS), 0, false, List.of("seed"))
                : new Settings(Path.of("target/quarkus-app/quarkus-run.jar"), jvm,
                        a.contains("--runs") ? Integer.parseInt(value(args, "--runs")) : 5, new int[] {1, 8, 32}, 10, 10,
                        100, 200, 5, 100, new int[] {10, 100, 1000, 5000}, 5,
                        footprintVariants(a.contains("--baseline") ? Optional.of(Path.of(value(args, "--baseline"))) : Optional.empty(),
                                a.contains("--variants") ? List.of(value(args, "--variants").split(",")) : List.of()),
                        a.contains("--compare-runs") ? Integer.parseInt(value(args, "--compare-runs")) : 3, a.contains("--full"),
                        a.contains("--shapes") ? List.of(value(args, "--shapes").split(",")) : List.of("seed", "sustained"));
        Path root = a.contains("--out") ? Path.of(value(args, "--out")) : Path.of("target", smoke ? "bench-smoke" : "bench");
        log("benchmarks " + only + " into " + root + (smoke ? " (smoke run)" : ""));
        int exit = 0;
        try {
            if (only.contains("webhook")) {
                new WebhookBench(settings, Files.createDirectories(root.resolve("webhook"))).run();
            }
            if (only.contains("pair")) {
                new PairStormBench(settings, Files.createDirectories(root.resolve("pair"))).run();
            }
            if (only.contains("reconciler")) {
                new ReconcilerBench(settings, Files.createDirectories(root.resolve("reconciler"))).run();
            }
            if (only.contains("footprint")) {
                new FootprintBench(settings, Files.createDirectories(root.resolve("footprint"))).run();
            }
            if (only.contains("compare") && settings.compareRuns() + (settings.full() ? 1 : 0) > 0) {
                new CompareBench(settings, Files.createDirectories(root.resolve("compare"))).run();
            }
            Report report = Report.of(root);
            report.write(root);
            System.out.println(Files.readString(root.resolve("summary.md")));
            if (smoke) {
                List<String> problems = SmokeCheck.check(root, only);
                problems.forEach(p -> System.out.println("bench smoke FAILED: " + p));
                exit = problems.isEmpty() ? 0 : 1;
                if (exit == 0) {
                    System.out.println("bench smoke: every CSV has its schema and counted something");
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }

    private static String value(String[] args, String name) {
        int i = Arrays.asList(args).indexOf(name);
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i + 1];
    }

    static void log(String message) {
        System.out.println("[bench " + Instant.now() + "] " + message);
    }

    static List<Path> runFiles(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("run-\\d+\\.csv")).sorted().toList();
        }
    }
}

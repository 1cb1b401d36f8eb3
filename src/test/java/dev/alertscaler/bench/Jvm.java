package dev.alertscaler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code java} options and environment the packaged jar is benchmarked with: the JVM's defaults,
 * or what the JVM image ({@code src/main/docker/Dockerfile.jvm}) runs, read from its {@code ENV}
 * lines so that the benchmarks measure what ships.
 *
 * <p>The base image's {@code run-java.sh} puts its own defaults ({@code java-default-options} of
 * registry.access.redhat.com/ubi9/openjdk-17-runtime) before {@code JAVA_OPTS_APPEND}; the
 * collector among them comes from {@code GC_CONTAINER_OPTIONS} (default {@code -XX:+UseParallelGC}).
 */
record Jvm(List<String> options, Map<String, String> environment, String java, Path app) {

    static final Jvm DEFAULTS = new Jvm(List.of(), Map.of());

    /** The running JVM's {@code java} and the bench's jar. */
    Jvm(List<String> options, Map<String, String> environment) {
        this(options, environment, null, null);
    }

    /** Another {@code java} binary and another build of the application (a {@code quarkus-app} folder). */
    Jvm on(String javaBinary, Path quarkusApp) {
        return new Jvm(options, environment, javaBinary, quarkusApp);
    }

    static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");

    /** {@code java-default-options}' output without a memory limit or diagnostics; {@code %s} is the collector. */
    static final String RUN_JAVA_DEFAULTS = "-XX:MaxRAMPercentage=80.0 %s -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
            + " -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError";

    private static final Pattern ENV = Pattern.compile("^ENV\\s+(\\w+)=\"?([^\"\\n]*)\"?\\s*$", Pattern.MULTILINE);

    /** What {@link #DOCKERFILE} runs. */
    static Jvm image() throws IOException {
        return image(Files.readString(DOCKERFILE));
    }

    static Jvm image(String dockerfile) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = ENV.matcher(dockerfile);
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        List<String> options = new ArrayList<>(split(RUN_JAVA_DEFAULTS.formatted(env.getOrDefault("GC_CONTAINER_OPTIONS", "-XX:+UseParallelGC"))));
        options.addAll(split(env.getOrDefault("JAVA_OPTS_APPEND", "")));
        Map<String, String> processEnv = new LinkedHashMap<>();
        if (env.containsKey("MALLOC_ARENA_MAX")) {
            processEnv.put("MALLOC_ARENA_MAX", env.get("MALLOC_ARENA_MAX"));
        }
        return new Jvm(List.copyOf(options), Map.copyOf(processEnv));
    }

    /** The same with one more option at the end. */
    Jvm with(String option) {
        List<String> more = new ArrayList<>(options);
        more.add(option);
        return new Jvm(List.copyOf(more), environment, java, app);
    }

    /** The options that pick a garbage collector ({@code -XX:+UseSerialGC}, …). */
    List<String> collectors() {
        return options.stream().filter(o -> o.matches("-XX:\\+Use\\w+GC")).toList();
    }

    private static List<String> split(String options) {
        return options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
    }
}

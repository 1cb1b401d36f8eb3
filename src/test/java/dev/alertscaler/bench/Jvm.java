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
 * {@code java} and {@code app}, when set, are another {@code java} binary and another build of the
 * application: a {@code quarkus-app} folder, or a native executable (then {@code java} is unused).
 */
record Jvm(List<String> options, Map<String, String> environment, String java, Path app) {

    static final Jvm DEFAULTS = new Jvm(List.of(), Map.of());

    /** The running JVM's {@code java} and the bench's jar. */
    Jvm(List<String> options, Map<String, String> environment) {
        this(options, environment, null, null);
    }

    static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    /** The JDK 25 image with the AOT cache: its options are its {@code JDK_JAVA_OPTIONS}, the cache {@code app.aot} beside the jar. */
    static final Path AOT_DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm-aot");

    /** {@code java-default-options}' output without a memory limit or diagnostics; {@code %s} is the collector. */
    static final String RUN_JAVA_DEFAULTS = "-XX:MaxRAMPercentage=80.0 %s -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
            + " -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError";

    private static final Pattern ENV = Pattern.compile("^ENV\\s+(\\w+)=\"?([^\"\\n]*)\"?\\s*$", Pattern.MULTILINE);

    /** What {@link #DOCKERFILE} runs. */
    static Jvm image() throws IOException {
        return image(Files.readString(DOCKERFILE));
    }

    static Jvm image(String dockerfile) {
        Map<String, String> env = env(dockerfile);
        List<String> options = new ArrayList<>(split(RUN_JAVA_DEFAULTS.formatted(env.getOrDefault("GC_CONTAINER_OPTIONS", "-XX:+UseParallelGC"))));
        options.addAll(split(env.getOrDefault("JAVA_OPTS_APPEND", "")));
        return new Jvm(List.copyOf(options), mallocArenas(env));
    }

    /**
     * What {@link #AOT_DOCKERFILE} runs, on {@code javaBinary} with the build in {@code quarkusApp};
     * {@code withCache} false leaves out its {@code -XX:AOTCache} (the same JVM without the cache).
     */
    static Jvm aotImage(String javaBinary, Path quarkusApp, boolean withCache) throws IOException {
        Map<String, String> env = env(Files.readString(AOT_DOCKERFILE));
        List<String> options = new ArrayList<>();
        for (String option : split(env.getOrDefault("JDK_JAVA_OPTIONS", ""))) {
            if (!option.startsWith("-XX:AOTCache=")) {
                options.add(option);
            } else if (withCache) {
                options.add("-XX:AOTCache=" + quarkusApp.resolve(option.substring("-XX:AOTCache=".length())));
            }
        }
        return new Jvm(List.copyOf(options), mallocArenas(env), javaBinary, quarkusApp);
    }

    private static Map<String, String> env(String dockerfile) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = ENV.matcher(dockerfile);
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        return env;
    }

    private static Map<String, String> mallocArenas(Map<String, String> dockerfileEnv) {
        return dockerfileEnv.containsKey("MALLOC_ARENA_MAX") ? Map.of("MALLOC_ARENA_MAX", dockerfileEnv.get("MALLOC_ARENA_MAX")) : Map.of();
    }

    /** The same options, running the build in {@code quarkusApp}. */
    Jvm in(Path quarkusApp) {
        return new Jvm(options, environment, java, quarkusApp);
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

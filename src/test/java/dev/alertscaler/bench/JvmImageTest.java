package dev.alertscaler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The JVM image's options, as its run-java.sh assembles them from Dockerfile.jvm: a JVM starts
 * with them, and the footprint benchmark uses exactly them. (No container runtime here: the image
 * itself is not built; {@link Jvm#RUN_JAVA_DEFAULTS} stands for the base image's script.)
 */
class JvmImageTest {

    @Test
    void aJvmStartsWithTheImagesOptions() throws Exception {
        Jvm image = Jvm.image();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(image.options());
        command.add("-version");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(image.environment());
        Process java = builder.start();
        String out = new String(java.getInputStream().readAllBytes());
        assertTrue(java.waitFor(30, TimeUnit.SECONDS), "java -version did not end");
        assertEquals(0, java.exitValue(), "java " + String.join(" ", image.options()) + " -version: " + out);
    }

    @Test
    void theImagePicksOneCollectorThroughGcContainerOptions() throws Exception {
        Jvm image = Jvm.image();
        assertEquals(List.of("-XX:+UseSerialGC"), image.collectors());
        assertEquals(Map.of("MALLOC_ARENA_MAX", "2"), image.environment());
        assertTrue(image.options().contains("-Xmx128m"), image.options().toString());
    }

    @Test
    void runJavaShPutsItsDefaultsBeforeJavaOptsAppend() {
        Jvm plain = Jvm.image("""
                FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21
                ENV JAVA_OPTS_APPEND="-Dquarkus.http.host=0.0.0.0 -XX:+UseSerialGC"
                """);
        assertEquals(List.of("-XX:MaxRAMPercentage=80.0", "-XX:+UseParallelGC", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=20", "-XX:GCTimeRatio=4", "-XX:AdaptiveSizePolicyWeight=90",
                "-XX:+ExitOnOutOfMemoryError", "-Dquarkus.http.host=0.0.0.0", "-XX:+UseSerialGC"), plain.options());
        // the mistake the image once made: two collectors, which the JVM refuses at start
        assertEquals(List.of("-XX:+UseParallelGC", "-XX:+UseSerialGC"), plain.collectors());
        assertEquals(Map.of(), plain.environment());
    }

    /**
     * The JDK 25 image runs the JVM image's command line plus its cache: the memory and collector
     * choices measured for one hold for the other, and a change to one that misses the other fails here.
     */
    @Test
    void theAotImageRunsTheJvmImagesOptionsWithItsCache() throws Exception {
        Jvm image = Jvm.image();
        Jvm aot = Jvm.aotImage("java", Path.of("/deployments"), true);
        List<String> expected = new ArrayList<>(List.of("-XX:AOTCache=/deployments/app.aot"));
        expected.addAll(image.options());
        assertEquals(expected, aot.options());
        assertEquals(image.environment(), aot.environment());
        assertEquals(image.options(), Jvm.aotImage("java", Path.of("/deployments"), false).options());
    }
}

package dev.alertscaler.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The policy package decides purely: it imports nothing but java.* (no Quarkus, fabric8 or Jackson). */
class PolicyPurityTest {

    @Test
    void policyImportsOnlyJava() throws IOException {
        Path dir = Path.of("src/main/java/dev/alertscaler/policy");
        List<String> offending;
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertFalse(sources.isEmpty(), "no sources found in " + dir);
            offending = sources.stream()
                    .flatMap(p -> lines(p).stream()
                            .filter(l -> l.startsWith("import ") && !l.matches("import (static )?java\\..*"))
                            .map(l -> p.getFileName() + ": " + l))
                    .toList();
        }
        assertEquals(List.of(), offending);
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

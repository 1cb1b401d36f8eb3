package dev.alertscaler.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.alertscaler.CompiledClasses;

/**
 * The policy decides purely, checked on the compiled classes: it depends on nothing but java.*
 * and itself (subpackages included), and never reads a clock — time comes in as an argument.
 */
class PolicyPurityTest {

    private static final String POLICY = "dev.alertscaler.policy";

    /** Calls that read the time (or another source of it) instead of taking {@code now}. */
    private static final List<String> CLOCK_READS = List.of("java/time/Instant.now", "java/time/Clock.system",
            "java/time/LocalDateTime.now", "java/time/LocalDate.now", "java/time/ZonedDateTime.now",
            "java/time/OffsetDateTime.now", "java/lang/System.currentTimeMillis", "java/lang/System.nanoTime");

    @Test
    void policyDependsOnlyOnJavaAndItself() {
        Map<String, Set<String>> deps = CompiledClasses.dependencies();
        List<String> offending = new ArrayList<>();
        int policyClasses = 0;
        for (Map.Entry<String, Set<String>> e : deps.entrySet()) {
            if (!e.getKey().startsWith(POLICY + ".")) {
                continue;
            }
            policyClasses++;
            for (String dep : e.getValue()) {
                if (!dep.startsWith("java.") && !dep.startsWith(POLICY + ".")) {
                    offending.add(e.getKey() + " -> " + dep);
                }
            }
        }
        assertFalse(policyClasses == 0, "no compiled policy classes found");
        assertEquals(List.of(), offending);
    }

    @Test
    void policyNeverReadsAClock() {
        Map<Path, String> code = CompiledClasses.code(POLICY);
        assertFalse(code.isEmpty());
        List<String> offending = new ArrayList<>();
        code.forEach((file, text) -> CLOCK_READS.stream().filter(text::contains)
                .forEach(call -> offending.add(file.getFileName() + " calls " + call)));
        assertEquals(List.of(), offending);
    }
}

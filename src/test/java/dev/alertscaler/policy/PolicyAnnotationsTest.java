package dev.alertscaler.policy;

import static dev.alertscaler.policy.Policies.SEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Per-target annotations over the defaults; an invalid one names itself, its value and the rule. */
class PolicyAnnotationsTest {

    @Test
    void annotationsOverrideDefaultsAndSayWhichTheySet() {
        PolicyAnnotations.Resolved r = PolicyAnnotations.resolve(SEED, Map.of(
                "alertscaler.dev/max-replicas", "20",
                "alertscaler.dev/scale-up-period", "1m",
                "alertscaler.dev/stabilization-window", "PT2M",
                "alertscaler.dev/target-value-per-replica", "12.5",
                "unrelated/annotation", "x"));
        assertEquals(20, r.policy().maxReplicas());
        assertEquals(Duration.ofMinutes(1), r.policy().scaleUpPeriod());
        assertEquals(Duration.ofMinutes(2), r.policy().stabilizationWindow());
        assertEquals(12.5, r.policy().targetValuePerReplica().getAsDouble());
        assertEquals(SEED.minReplicas(), r.policy().minReplicas());
        assertEquals(Set.of("max-replicas", "scale-up-period", "stabilization-window", "target-value-per-replica"),
                r.fromAnnotations());
    }

    @Test
    void durationsReadAsQuarkusReadsThem() {
        assertEquals(Duration.ofSeconds(30), PolicyAnnotations.parseDuration("30"));
        assertEquals(Duration.ofSeconds(30), PolicyAnnotations.parseDuration("30s"));
        assertEquals(Duration.ofMillis(1500), PolicyAnnotations.parseDuration("1500ms"));
        assertEquals(Duration.ofMinutes(5), PolicyAnnotations.parseDuration("5m"));
        assertEquals(Duration.ofSeconds(90), PolicyAnnotations.parseDuration("1m30s"));
        assertEquals(Duration.ofSeconds(30), PolicyAnnotations.parseDuration("PT30S"));
        assertEquals(Duration.ofSeconds(30), PolicyAnnotations.parseDuration(" 30s\n"), "surrounding whitespace is ignored");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("non-numeric", "alertscaler.dev/max-replicas", "ten", "alertscaler.dev/max-replicas", "not a whole number"),
                Arguments.of("min zero", "alertscaler.dev/min-replicas", "0", "alertscaler.dev/min-replicas", "at least 1"),
                Arguments.of("min above the default max", "alertscaler.dev/min-replicas", "11", "alertscaler.dev/min-replicas", "must not exceed max-replicas (10)"),
                Arguments.of("max below min", "alertscaler.dev/max-replicas", "0", "alertscaler.dev/max-replicas", "at least min-replicas"),
                Arguments.of("scale-down-percent 0", "alertscaler.dev/scale-down-percent", "0", "alertscaler.dev/scale-down-percent", "between 1 and 100"),
                Arguments.of("scale-down-percent 101", "alertscaler.dev/scale-down-percent", "101", "alertscaler.dev/scale-down-percent", "between 1 and 100"),
                Arguments.of("scale-up-percent 0", "alertscaler.dev/scale-up-percent", "0", "alertscaler.dev/scale-up-percent", "between 1 and 1000"),
                Arguments.of("period not a duration", "alertscaler.dev/scale-up-period", "soon", "alertscaler.dev/scale-up-period", "not a duration"),
                Arguments.of("period zero", "alertscaler.dev/scale-down-period", "0s", "alertscaler.dev/scale-down-period", "must be positive"),
                Arguments.of("a NUL that Java's parsers would drop", "alertscaler.dev/max-replicas", "5\u0000", "alertscaler.dev/max-replicas", "not a whole number"),
                Arguments.of("a NUL after a duration", "alertscaler.dev/scale-up-period", "30s\u0000", "alertscaler.dev/scale-up-period", "not a duration"),
                Arguments.of("a control character in a number", "alertscaler.dev/target-value-per-replica", "3\u001b", "alertscaler.dev/target-value-per-replica", "positive number"),
                Arguments.of("target value negative", "alertscaler.dev/target-value-per-replica", "-3", "alertscaler.dev/target-value-per-replica", "positive number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void anInvalidAnnotationIsNamedWithItsValueAndRule(String name, String annotation, String value,
            String wantSetting, String wantRule) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> PolicyAnnotations.resolve(SEED, Map.of(annotation, value)));
        assertEquals(wantSetting, e.setting());
        assertEquals(value, e.value());
        assertEquals(true, e.getMessage().contains(wantRule), e.getMessage());
    }
}

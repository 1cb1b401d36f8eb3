package dev.alertscaler;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Each test's own week: the stories of one class share an application and a mock API (and each
 * reconcile touches every target there), so each starts a week after the one before it in name
 * order, and no target of another test is mid-story at its instants. Derived from the test's name,
 * not from a shared counter, so it is the same whatever order the tests run in.
 */
public final class Stories {

    private Stories() {
    }

    /** {@code base} plus one week per test method of the class that sorts before this one. */
    public static Instant weekOf(TestInfo info, Instant base) {
        List<String> names = Arrays.stream(info.getTestClass().orElseThrow().getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(ParameterizedTest.class))
                .map(Method::getName).distinct().sorted().toList();
        int index = names.indexOf(info.getTestMethod().orElseThrow().getName());
        return base.plus(Duration.ofDays(7L * (index + 1)));
    }
}

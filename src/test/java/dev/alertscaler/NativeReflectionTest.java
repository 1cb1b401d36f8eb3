package dev.alertscaler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.alertscaler.alertmanager.AlertOutcome;
import dev.alertscaler.alertmanager.AlertmanagerApi;
import dev.alertscaler.alertmanager.WebhookPayload;
import dev.alertscaler.oncall.TargetView;
import dev.alertscaler.reconcile.ReconcileReport;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The native image keeps only the reflection it is told about. Jackson reads and writes these types
 * by reflection, and Quarkus cannot see all of them from the endpoints' signatures: the webhook reads
 * its body itself (to bound it and name the bad field), the Alertmanager API client reads the alert
 * list, and the endpoints answer with a {@code Response} whose entity type is not in their signature.
 * Every type of ours reachable from them — record components, public fields, type arguments —
 * must be registered, or the native image answers with empty objects or fails to read.
 * (Everything else read from JSON is read as a tree; fabric8's model classes are registered by its
 * Quarkus extension.)
 */
class NativeReflectionTest {

    static final List<Class<?>> JACKSON_ROOTS = List.of(WebhookPayload.class, AlertmanagerApi.ApiAlert.class,
            AlertOutcome.class, ReconcileReport.class, TargetView.class);

    @Test
    void everyTypeJacksonReachesIsRegisteredForReflection() {
        Set<String> missing = new TreeSet<>();
        Set<Class<?>> seen = new java.util.HashSet<>();
        Deque<Type> todo = new ArrayDeque<>(JACKSON_ROOTS);
        while (!todo.isEmpty()) {
            Type type = todo.pop();
            if (type instanceof ParameterizedType p) {
                todo.push(p.getRawType());
                todo.addAll(List.of(p.getActualTypeArguments()));
                continue;
            }
            if (!(type instanceof Class<?> c) || !c.getName().startsWith("dev.alertscaler.") || !seen.add(c)) {
                continue;
            }
            if (!c.isAnnotationPresent(RegisterForReflection.class)) {
                missing.add(c.getName());
            }
            if (c.isRecord()) {
                for (RecordComponent component : c.getRecordComponents()) {
                    todo.push(component.getGenericType());
                }
            }
            for (Field field : c.getFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    todo.push(field.getGenericType());
                }
            }
        }
        assertEquals(Set.of(), missing, "reached by Jackson but not @RegisterForReflection: the native image would not see their members");
    }
}

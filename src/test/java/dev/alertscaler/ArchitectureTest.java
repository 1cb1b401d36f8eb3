package dev.alertscaler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The packages' dependencies, on the compiled classes: each package uses only those below it, so
 * there is no cycle and no upward import. From the bottom: the pure policy; configuration; the
 * tokens; {@code scaling/}, the one door, which owns the ports; the adapters that implement them
 * or call through it; and the entry points that run jobs on a schedule or for people.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.alertscaler";

    /** Each package with the packages it may use, in layer order (a package only names earlier ones). */
    static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        allow("policy");
        allow("config", "policy");
        allow("auth", "config");
        allow("scaling", "policy", "config");
        allow("kubernetes", "scaling", "policy", "config");
        allow("alertmanager", "scaling", "policy", "config", "auth");
        allow("reconcile", "alertmanager", "scaling", "policy", "config");
        allow("oncall", "scaling", "policy", "config", "auth");
        allow("health", "kubernetes", "scaling", "config");
    }

    private static void allow(String pkg, String... below) {
        for (String b : below) {
            if (!ALLOWED.containsKey(b)) {
                throw new IllegalStateException(pkg + " may only use packages listed before it, not " + b);
            }
        }
        ALLOWED.put(pkg, Set.of(below));
    }

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() {
        List<String> offending = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        CompiledClasses.dependencies().forEach((cls, deps) -> {
            String from = subpackage(cls);
            seen.add(from);
            Set<String> allowed = ALLOWED.get(from);
            if (allowed == null) {
                offending.add(cls + " is in a package without a layer: add it to ALLOWED");
                return;
            }
            for (String dep : deps) {
                String to = dep.startsWith(ROOT + ".") ? subpackage(dep) : null;
                if (to != null && !to.equals(from) && !allowed.contains(to)) {
                    offending.add(cls + " -> " + dep);
                }
            }
        });
        assertEquals(List.of(), offending);
        assertEquals(ALLOWED.keySet(), seen, "every layer has classes, every package a layer");
    }

    /** {@code scaling} for {@code dev.alertscaler.scaling.ScaleJob$Tick}. */
    private static String subpackage(String className) {
        String rest = className.substring(ROOT.length() + 1);
        return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : "";
    }
}

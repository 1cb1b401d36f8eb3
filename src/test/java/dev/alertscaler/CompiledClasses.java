package dev.alertscaler;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * What the compiled main classes ({@code target/classes}) depend on and call, from the JDK's own
 * tools: {@code jdeps} for class dependencies (fully qualified names and subpackages included,
 * which reading import lines misses), {@code javap -c} for the calls in method bodies.
 */
public final class CompiledClasses {

    public static final Path CLASSES = Path.of("target/classes");

    private CompiledClasses() {
    }

    /** Every class's dependencies on other classes, by class name. */
    public static Map<String, Set<String>> dependencies() {
        String out = run("jdeps", "-verbose:class", "-filter:none", CLASSES.toString());
        Map<String, Set<String>> deps = new TreeMap<>();
        for (String line : out.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            // "   dev.alertscaler.policy.Decider  ->  dev.alertscaler.policy.Decision  classes"
            if (parts.length >= 3 && parts[1].equals("->") && parts[0].startsWith("dev.alertscaler.")) {
                deps.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[2]);
            }
        }
        if (deps.isEmpty()) {
            throw new IllegalStateException("jdeps found no classes in " + CLASSES + ": " + out);
        }
        return deps;
    }

    /** The disassembled code ({@code javap -c -p}) of every class file under the package's directory. */
    public static Map<Path, String> code(String packageName) {
        Path dir = CLASSES.resolve(packageName.replace('.', '/'));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Path, String> code = new TreeMap<>();
        for (Path file : files) {
            code.put(file, run("javap", "-c", "-p", file.toString()));
        }
        return code;
    }

    /** The package of a class name: {@code dev.alertscaler.policy} for {@code dev.alertscaler.policy.Decider$1}. */
    public static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private static String run(String tool, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = ToolProvider.findFirst(tool).orElseThrow(() -> new IllegalStateException("no " + tool + " in this JDK"))
                .run(new PrintWriter(out), new PrintWriter(err), args);
        if (rc != 0) {
            throw new IllegalStateException(tool + " failed (" + rc + "): " + err);
        }
        return out.toString();
    }
}

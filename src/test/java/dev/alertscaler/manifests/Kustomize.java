package dev.alertscaler.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders the kustomizations users apply with {@code kubectl kustomize} (kubectl 1.27+ embeds
 * kustomize 5; .ci/run checks the version), in a temporary copy of {@code deploy/}, {@code knative/}
 * and {@code alert-rules/} where the token files, kept out of git, are the committed examples.
 */
final class Kustomize {

    /** Every kustomization users may apply. */
    static final List<String> ALL = List.of("deploy", "knative", "deploy/deployment", "deploy/native",
            "deploy/jvm-aot", "deploy/scale-to-zero", "deploy/sample-app", "deploy/base", "alert-rules");

    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();
    private static Path copy;

    private Kustomize() {
    }

    /** The objects {@code kubectl kustomize dir} renders (dir relative to the repository root). */
    static List<JsonNode> build(String dir) {
        return RENDERED.computeIfAbsent(dir, Kustomize::render);
    }

    private static List<JsonNode> render(String dir) {
        try {
            Path root = copy();
            Path out = Files.createTempFile("kustomize", ".yaml");
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", root.resolve(dir).toString())
                    .redirectOutput(out.toFile()).redirectErrorStream(false).start();
            String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + err);
            }
            return Yaml.documents(out);
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl kustomize " + dir + " (kubectl 1.27+ must be on the PATH)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path copy() throws IOException {
        if (copy == null) {
            Path root = Files.createTempDirectory("alertscaler-manifests");
            for (String top : List.of("deploy", "knative", "alert-rules")) {
                try (Stream<Path> files = Files.walk(Path.of(top))) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        Path target = root.resolve(p.toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(target);
                        } else if (!p.startsWith("deploy/local/results")) {
                            Files.copy(p, target);
                        }
                    }
                }
            }
            Path secrets = root.resolve("deploy/base/secrets");
            Files.copy(secrets.resolve("webhook-token.example"), secrets.resolve("webhook-token"));
            Files.copy(secrets.resolve("oncall-tokens.example"), secrets.resolve("oncall-tokens"));
            copy = root;
        }
        return copy;
    }
}

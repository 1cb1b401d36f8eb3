package dev.alertscaler.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The docs a newcomer follows say what the repository holds: every relative link (and its anchor)
 * resolves, every runbook_url leads to a runbook section, the install's commands name
 * kustomizations that exist and build the values they promise, and the token path is the one
 * Alertmanager's configuration uses.
 */
class DocsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static List<Path> docs() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CHANGELOG.md"),
                Path.of("BENCHMARKS.md"), Path.of("src/test/README.md")));
        try (Stream<Path> d = Files.list(Path.of("docs"))) {
            d.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
    static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new TreeSet<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(markdown)) {
            fenced ^= line.startsWith("```");
            if (!fenced && line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
                anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs()) {
            Matcher m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^(https?|mailto):.*")) {
                    continue;
                }
                checked++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? doc : doc.getParent() == null ? Path.of(file) : doc.getParent().resolve(file);
                if (!Files.exists(resolved.normalize())) {
                    broken.add(doc + ": " + target);
                } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved.normalize()).contains(anchor)) {
                    broken.add(doc + ": " + target + " (no such heading)");
                }
            }
        }
        assertTrue(checked > 30, "links checked: " + checked);
        assertEquals(List.of(), broken);
    }

    @Test
    void everySelfAlertHasARunbookSection() throws IOException {
        Set<String> sections = anchors(Path.of("docs/runbook.md"));
        int alerts = 0;
        for (JsonNode group : YAML.readTree(Path.of("alert-rules/alertscaler-rules.yaml").toFile()).path("groups")) {
            if (!group.path("name").asText().equals("alertscaler-self")) {
                continue;
            }
            for (JsonNode rule : group.path("rules")) {
                alerts++;
                String url = rule.path("annotations").path("runbook_url").asText();
                assertTrue(url.contains("/docs/runbook.md#"), rule.path("alert") + " has no runbook_url: " + url);
                String anchor = url.substring(url.indexOf('#') + 1);
                assertEquals(rule.path("alert").asText().toLowerCase(Locale.ROOT), anchor);
                assertTrue(sections.contains(anchor), "docs/runbook.md has no section " + anchor);
            }
        }
        assertEquals(7, alerts);
    }

    @Test
    void theInstallGuideAppliesKustomizationsThatExistAndTheTokenPathIsAlertmanagers() throws IOException {
        String install = Files.readString(Path.of("docs/install.md"));
        Matcher apply = Pattern.compile("kubectl apply -k ([^\\s`]+)").matcher(install);
        int applied = 0;
        while (apply.find()) {
            applied++;
            Path dir = Path.of(apply.group(1));
            assertTrue(Files.exists(dir.resolve("kustomization.yaml")), "docs/install.md applies " + dir);
        }
        assertTrue(applied >= 4);
        String credentials = YAML.readTree(Path.of("deploy/alertmanager/alertmanager.yml").toFile()).path("receivers").get(1)
                .path("webhook_configs").get(0).path("http_config").path("authorization").path("credentials_file").asText();
        Matcher file = Pattern.compile("credentials_file: (\\S+)").matcher(install + Files.readString(Path.of("README.md")));
        while (file.find()) {
            assertEquals(credentials, file.group(1), "docs and deploy/alertmanager/alertmanager.yml disagree");
        }
        assertTrue(install.contains("/etc/alertmanager/secrets/alertscaler-webhook/"));
    }

    /** The commands that build kube-prometheus-stack's values, run as written: the chart gets our config and the token. */
    @Test
    void theInstallGuidesValuesAreTheMergedConfigurationWithTheToken() throws Exception {
        String install = Files.readString(Path.of("docs/install.md"));
        int start = install.indexOf("# builds kps-values.yaml");
        int end = install.indexOf("} > kps-values.yaml", start);
        assertFalse(start < 0 || end < 0, "the values snippet is gone from docs/install.md");
        Path out = Files.createTempFile("kps-values", ".yaml");
        String script = install.substring(start, end) + "} > " + out;
        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true).start();
        String log = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS) && bash.exitValue() == 0, log);
        JsonNode values = YAML.readTree(out.toFile());
        assertEquals(YAML.readTree(Path.of("deploy/alertmanager/kube-prometheus-stack.yml").toFile()),
                values.path("alertmanager").path("config"));
        assertEquals("alertscaler-webhook", values.path("alertmanager").path("alertmanagerSpec").path("secrets").get(0).asText());
    }
}

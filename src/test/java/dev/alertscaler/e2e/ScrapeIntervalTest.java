package dev.alertscaler.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The install has one HAProxy scrape interval, and the reaction the benchmarks report depends on it:
 * the PodMonitor, the plain Prometheus configuration, the scaling rules' evaluation interval, the
 * rule tests' series and the end-to-end run all hold {@link Scenario#SCRAPE_INTERVAL_SECONDS}.
 */
class ScrapeIntervalTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String INTERVAL = Scenario.SCRAPE_INTERVAL_SECONDS + "s";

    @Test
    void everyCopyOfTheScrapeIntervalIsTheSame() throws IOException {
        List<Executable> checks = new ArrayList<>();
        JsonNode podMonitor = YAML.readTree(Path.of("deploy/base/haproxy-podmonitor.yaml").toFile());
        checks.add(() -> assertEquals(INTERVAL, podMonitor.path("spec").path("podMetricsEndpoints").get(0).path("interval").asText(),
                "deploy/base/haproxy-podmonitor.yaml"));

        JsonNode prometheus = YAML.readTree(Path.of("deploy/prometheus/prometheus.yml").toFile());
        JsonNode haproxyJob = null;
        for (JsonNode job : prometheus.path("scrape_configs")) {
            haproxyJob = job.path("job_name").asText().equals("haproxy-ingress") ? job : haproxyJob;
        }
        JsonNode job = haproxyJob;
        checks.add(() -> assertEquals(INTERVAL, job.path("scrape_interval").asText(), "deploy/prometheus/prometheus.yml haproxy-ingress"));

        for (String file : List.of("alert-rules/alertscaler-rules.yaml", "alert-rules/prometheusrule.yaml")) {
            JsonNode rules = YAML.readTree(Path.of(file).toFile());
            JsonNode groups = rules.has("spec") ? rules.path("spec").path("groups") : rules.path("groups");
            for (JsonNode group : groups) {
                if (group.path("name").asText().equals("alertscaler-scaling")) {
                    checks.add(() -> assertEquals(INTERVAL, group.path("interval").asText(), file + " alertscaler-scaling"));
                }
            }
        }

        JsonNode tests = YAML.readTree(Path.of("alert-rules/tests/alertscaler-rules.test.yaml").toFile());
        checks.add(() -> assertEquals(INTERVAL, tests.path("evaluation_interval").asText(), "the rule tests' evaluation_interval"));
        int haproxyTests = 0;
        for (JsonNode test : tests.path("tests")) {
            boolean haproxySeries = false;
            for (JsonNode series : test.path("input_series")) {
                haproxySeries |= series.path("series").asText().startsWith("haproxy_");
            }
            if (haproxySeries) {
                haproxyTests++;
                checks.add(() -> assertEquals(INTERVAL, test.path("interval").asText(), "rule test '" + test.path("name").asText() + "'"));
            }
        }
        assertFalse(haproxyTests == 0, "the rule tests have HAProxy series");

        assertAll(checks);
    }
}

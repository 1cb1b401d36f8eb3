package dev.alertscaler.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The PrometheusRule holds exactly the groups of the plain rule file that promtool checks and tests. */
class PrometheusRuleSyncTest {

    @Test
    void thePrometheusRuleHasTheSameGroupsAsThePlainFile() {
        JsonNode plain = Yaml.document(Path.of("alert-rules/alertscaler-rules.yaml"));
        JsonNode operator = Yaml.document(Path.of("alert-rules/prometheusrule.yaml"));
        assertEquals("PrometheusRule", operator.path("kind").asText());
        assertEquals("monitoring.coreos.com/v1", operator.path("apiVersion").asText());
        // folded block scalars end with a newline in one file and not the other: compare trimmed text
        assertEquals(normalized(plain.path("groups")), normalized(operator.path("spec").path("groups")));
    }

    private static String normalized(JsonNode groups) {
        return groups.toString().replaceAll("\\\\n\"", "\"").replaceAll("\\s+", " ");
    }
}

package dev.alertscaler.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertscaler.local.MockApi;

/**
 * The RBAC we ship grants exactly the verbs the code uses: derived from the requests alertscaler
 * made to the mock API during the whole test suite (recorded by {@link MockApi}; this runs after the
 * unit and Quarkus tests), not from a hand-kept list.
 */
class RbacIT {

    private static final Pattern CORE = Pattern.compile("/api/v1/(?:namespaces/[^/]+/)?([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(\\?.*)?");
    private static final Pattern GROUPED = Pattern.compile("/apis/([^/]+)/[^/]+/(?:namespaces/[^/]+/)?([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(\\?.*)?");

    @Test
    void theRolesGrantExactlyWhatTheTestSuiteUsed() throws IOException {
        assertTrue(Files.exists(MockApi.REQUEST_LOG), "no recorded requests: run the whole suite (./mvnw verify)");
        Set<String> used = new TreeSet<>();
        for (String line : Files.readAllLines(MockApi.REQUEST_LOG)) {
            if (!line.isBlank()) {
                permission(line).ifPresent(used::add);
            }
        }
        Set<String> granted = new TreeSet<>();
        for (JsonNode doc : Yaml.documents(Path.of("deploy/base/rbac/namespaced.yaml"))) {
            if ("Role".equals(doc.path("kind").asText())) {
                granted.addAll(rules(doc));
            }
        }
        assertEquals(used, granted, "RBAC in deploy/base/rbac/namespaced.yaml vs. requests in " + MockApi.REQUEST_LOG);

        // the all-namespaces mode grants the scaling verbs cluster-wide, and nothing else
        JsonNode clusterRole = Yaml.documents(Path.of("deploy/base/rbac/all-namespaces/clusterrole.yaml")).get(0);
        JsonNode scalingRole = Yaml.documents(Path.of("deploy/base/rbac/namespaced.yaml")).get(0);
        assertEquals(rules(scalingRole), rules(clusterRole));
    }

    /** "group resource verb" for a recorded "METHOD PATH", as the API server's authorizer sees it. */
    static java.util.Optional<String> permission(String line) {
        String method = line.substring(0, line.indexOf(' '));
        String path = line.substring(line.indexOf(' ') + 1);
        String group;
        String resource;
        String name;
        String sub;
        String query;
        Matcher m = CORE.matcher(path);
        if (m.matches()) {
            group = "";
            resource = m.group(1);
            name = m.group(2);
            sub = m.group(3);
            query = m.group(4);
        } else if ((m = GROUPED.matcher(path)).matches()) {
            group = m.group(1);
            resource = m.group(2);
            name = m.group(3);
            sub = m.group(4);
            query = m.group(5);
        } else {
            return java.util.Optional.empty(); // /version and other non-resource URLs need no RBAC
        }
        String verb = switch (method) {
            case "GET" -> name != null ? "get" : query != null && query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name != null ? "delete" : "deletecollection";
            default -> throw new AssertionError("unexpected method in " + line);
        };
        return java.util.Optional.of(group + " " + resource + (sub == null ? "" : "/" + sub) + " " + verb);
    }

    private static Set<String> rules(JsonNode role) {
        Set<String> triples = new TreeSet<>();
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    for (JsonNode verb : rule.path("verbs")) {
                        triples.add(group.asText() + " " + resource.asText() + " " + verb.asText());
                    }
                }
            }
        }
        return triples;
    }

    @Test
    void requestsMapToPermissions() {
        assertEquals("apps deployments get", permission("GET /apis/apps/v1/namespaces/default/deployments/app").orElseThrow());
        assertEquals("apps deployments list", permission("GET /apis/apps/v1/deployments?labelSelector=x").orElseThrow());
        assertEquals(" configmaps create", permission("POST /api/v1/namespaces/alertscaler/configmaps").orElseThrow());
        assertEquals("apps deployments/status update",
                permission("PUT /apis/apps/v1/namespaces/default/deployments/app/status").orElseThrow());
        assertEquals(List.of(), permission("GET /version").stream().toList());
    }
}

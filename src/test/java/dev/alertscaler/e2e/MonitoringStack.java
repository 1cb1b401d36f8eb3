package dev.alertscaler.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Prometheus 2.42 and Alertmanager 0.25 (Debian), as plain processes on loopback, with the files
 * users deploy: {@code alert-rules/alertscaler-rules.yaml} and
 * {@code deploy/alertmanager/kube-prometheus-stack.yml} (kube-prometheus-stack's default
 * configuration with ours merged, as a real cluster's Alertmanager has it), scraping HAProxy at the
 * install's interval ({@link Scenario#SCRAPE_INTERVAL_SECONDS}), with only the windows and intervals
 * scaled to the run's compression and the addresses and token path made local.
 * {@link #addForeignAlerts} gives it other teams' alerts on the same workload, as a real cluster has.
 */
final class MonitoringStack implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern RANGE_SECONDS = java.util.regex.Pattern.compile("\\[(\\d+)s\\]");

    final int prometheusPort;
    final int alertmanagerPort;
    private final Process prometheus;
    private final Process alertmanager;
    private final HttpClient http = HttpClient.newHttpClient();

    MonitoringStack(Path dir, Scenario scenario, Haproxy haproxy, int webhookPort, Path tokenFile) throws IOException {
        prometheusPort = Ports.free();
        alertmanagerPort = Ports.free();

        String rules = Files.readString(Path.of("alert-rules/alertscaler-rules.yaml"))
                .replace("interval: " + Scenario.SCRAPE_INTERVAL_SECONDS + "s", "interval: " + scenario.seconds(Scenario.SCRAPE_INTERVAL_SECONDS))
                .replace("for: 30s", "for: " + scenario.seconds(30));
        // every range in seconds ([5s], [3s]) scaled like the rest
        rules = RANGE_SECONDS.matcher(rules).replaceAll(m -> "[" + scenario.seconds(Integer.parseInt(m.group(1))) + "]");
        Path rulesFile = Files.writeString(dir.resolve("alertscaler-rules.yaml"), rules);
        Path promConfig = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: %s
                  evaluation_interval: %s
                rule_files: ["%s"]
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:%d"]
                scrape_configs:
                  - job_name: haproxy-ingress
                    scrape_interval: %s
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(scenario.seconds(15), scenario.seconds(15), rulesFile.toAbsolutePath(), alertmanagerPort,
                scenario.seconds(Scenario.SCRAPE_INTERVAL_SECONDS), haproxy.exporterPort));

        String am = Files.readString(Path.of("deploy/alertmanager/kube-prometheus-stack.yml"))
                .replace("http://alertscaler.alertscaler.svc.cluster.local/alertmanager",
                        "http://127.0.0.1:" + webhookPort + "/alertmanager")
                .replace("/etc/alertmanager/secrets/alertscaler-webhook/token", tokenFile.toAbsolutePath().toString())
                .replace("group_interval: 10s", "group_interval: " + scenario.seconds(10))
                .replace("repeat_interval: 5m", "repeat_interval: " + scenario.seconds(300))
                .replace("group_interval: 1m", "group_interval: " + scenario.seconds(60))
                .replace("repeat_interval: 1m", "repeat_interval: " + scenario.seconds(60));
        Path amConfig = Files.writeString(dir.resolve("alertmanager.yml"), am);

        // Debian installs it as prometheus-alertmanager
        alertmanager = new ProcessBuilder(binary("prometheus-alertmanager", "alertmanager"), "--config.file=" + amConfig,
                "--storage.path=" + Files.createDirectories(dir.resolve("alertmanager-data")),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        Ports.awaitListening(alertmanagerPort, alertmanager, "alertmanager");
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + promConfig,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("prometheus-data")),
                "--web.listen-address=127.0.0.1:" + prometheusPort,
                // a firing alert is re-sent every resend-delay: scaled too, so `value` stays as fresh
                "--rules.alert.resend-delay=" + scenario.seconds(60))
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        Ports.awaitListening(prometheusPort, prometheus, "prometheus");
    }

    private static String binary(String... names) {
        for (String name : names) {
            for (String dir : System.getenv("PATH").split(":")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return name;
                }
            }
        }
        throw new IllegalStateException("none of " + String.join(", ", names) + " on the PATH");
    }

    /** The value of an instant PromQL query, when it has one. */
    OptionalDouble query(String promql) {
        try {
            JsonNode body = get("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8));
            JsonNode result = body.path("data").path("result");
            return result.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(result.get(0).path("value").get(1).asDouble());
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    /** The first instant in [from, to] at which {@code promql} is above {@code threshold}, at 0.2 s steps. */
    Optional<Instant> firstAbove(String promql, double threshold, Instant from, Instant to) {
        try {
            JsonNode body = get("http://127.0.0.1:" + prometheusPort + "/api/v1/query_range?query="
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start=" + from.toEpochMilli() / 1000.0
                    + "&end=" + to.toEpochMilli() / 1000.0 + "&step=0.2");
            for (JsonNode series : body.path("data").path("result")) {
                for (JsonNode point : series.path("values")) {
                    if (point.get(1).asDouble() > threshold) {
                        return Optional.of(Instant.ofEpochMilli(Math.round(point.get(0).asDouble() * 1000)));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Other teams' alerts on the workload, pushed with {@code amtool alert add} as Prometheus would
     * push them: kube-state-metrics' (namespace and deployment labels, no alertscaler_role) and a
     * queue alert of a rule written without the role. They fire for the whole run.
     */
    void addForeignAlerts(String namespace, String deployment) throws IOException, InterruptedException {
        String end = Instant.now().plusSeconds(7200).toString();
        for (String alertname : FOREIGN_ALERTS) {
            Process amtool = new ProcessBuilder("amtool", "alert", "add", "--alertmanager.url=http://127.0.0.1:" + alertmanagerPort,
                    "--end=" + end, "alertname=" + alertname, "namespace=" + namespace, "deployment=" + deployment,
                    "severity=warning").redirectErrorStream(true).start();
            String out = new String(amtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (amtool.waitFor() != 0) {
                throw new IOException("amtool alert add " + alertname + " failed: " + out);
            }
        }
    }

    /** The alerts {@link #addForeignAlerts} pushes. */
    static final java.util.List<String> FOREIGN_ALERTS = java.util.List.of("KubeDeploymentReplicasMismatch",
            "KubeDeploymentRolloutStuck", "TeamQueueHigh");

    /** The fingerprints of the active foreign alerts, as Alertmanager lists them. */
    java.util.Set<String> foreignFingerprints() {
        java.util.Set<String> found = new java.util.TreeSet<>();
        try {
            for (JsonNode alert : get("http://127.0.0.1:" + alertmanagerPort + "/api/v2/alerts?active=true")) {
                if (FOREIGN_ALERTS.contains(alert.path("labels").path("alertname").asText())) {
                    found.add(alert.path("fingerprint").asText());
                }
            }
        } catch (IOException e) {
            // none known: the expectation on their number fails
        }
        return found;
    }

    /** How many active alerts Alertmanager holds with {@code alertscaler_role=role}. */
    int activeAlerts(String role) {
        try {
            int n = 0;
            for (JsonNode alert : get("http://127.0.0.1:" + alertmanagerPort + "/api/v2/alerts?active=true&silenced=false&inhibited=false")) {
                n += role.equals(alert.path("labels").path("alertscaler_role").asText()) ? 1 : 0;
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }

    private JsonNode get(String url) throws IOException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        prometheus.destroy();
        alertmanager.destroy();
    }
}

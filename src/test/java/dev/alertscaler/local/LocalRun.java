package dev.alertscaler.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs alertscaler on this machine with no cluster: starts the mock Kubernetes API seeded with the
 * sample app, a {@link ReadyAgent} that plays the kubelet, and the packaged jar against them, then
 * prints the commands to try it. {@code deploy/local/run.sh} builds the jar and calls this.
 *
 * <p>Options: {@code --jar PATH}, {@code --seed YAML}, {@code --token TOKEN},
 * {@code --ready-delay 5s} (how long a new pod takes to become ready), {@code --mock-only}
 * (start just the mock API and print its URL).
 */
public final class LocalRun {

    static final String ONCALL_TOKEN = "local-oncall-token";

    /** Held so that the level set on it sticks: the mock logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        Path seed = Path.of("deploy/sample-app/app.yaml");
        String token = "local-token";
        Duration readyDelay = Duration.ofSeconds(5);
        boolean mockOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--seed" -> seed = Path.of(args[++i]);
                case "--token" -> token = args[++i];
                case "--ready-delay" -> readyDelay = Duration.parse("PT" + args[++i]);
                case "--mock-only" -> mockOnly = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --jar, --seed, --token, --ready-delay, --mock-only)");
            }
        }
        MockApi api = MockApi.start(0).seed(seed);
        ReadyAgent agent = ReadyAgent.start(api.client(), readyDelay);
        List<AutoCloseable> toClose = new ArrayList<>(List.of(agent, api));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(toClose)));
        System.out.println("mock Kubernetes API (fabric8 mock server, CRUD mode): " + api.url());
        if (mockOnly) {
            Thread.currentThread().join();
            return;
        }
        Path dir = Files.createDirectories(Path.of("target", "local-run"));
        Path oncallTokens = Files.writeString(dir.resolve("oncall-tokens"), "oncall=" + ONCALL_TOKEN + "\n");
        AlertscalerJar app = AlertscalerJar.start(jar, api.url(), List.of(), Map.of("alertscaler.webhook.token", token,
                "alertscaler.oncall.tokens-file", oncallTokens.toAbsolutePath().toString()), null);
        toClose.add(0, app);
        app.awaitReady();
        String base = app.base();
        // for the README's walk-throughs, in another terminal: source target/local-run.env
        Files.writeString(Path.of("target", "local-run.env"), """
                export ALERTSCALER=%s
                export KUBE_API=%s
                export WEBHOOK_TOKEN=%s
                export ONCALL_TOKEN=%s
                """.formatted(base, api.url(), token, ONCALL_TOKEN));
        System.out.printf("""

                alertscaler is up on %1$s, scaling the sample Deployment default/app in the mock API.
                Try it (from the repository root):

                  # the replicas now (1):
                  curl -s %2$s/apis/apps/v1/namespaces/default/deployments/app | grep -o '"replicas":[0-9]*' | head -1
                  # Alertmanager fires the queue alert: one step, 1 -> 3
                  curl -s -H 'Authorization: Bearer %3$s' -H 'Content-Type: application/json' \\
                       --data @deploy/local/firing-alert.json %1$s/alertmanager
                  curl -s %2$s/apis/apps/v1/namespaces/default/deployments/app | grep -o '"replicas":[0-9]*' | head -1
                  # the same notification again within scale-up-period: unchanged, still 3
                  curl -s -H 'Authorization: Bearer %3$s' --data @deploy/local/firing-alert.json %1$s/alertmanager
                  # the alert resolves: still 3; the reconciler scales back to 1 after the 5-minute
                  # stabilization window (one step per minute); watch the events
                  curl -s -H 'Authorization: Bearer %3$s' --data @deploy/local/resolved-alert.json %1$s/alertmanager
                  # what alertscaler did and why:
                  curl -s %2$s/api/v1/namespaces/default/events | grep -o '"message":"[^"]*"'
                  curl -s %1$s/q/metrics | grep '^alertscaler_'

                The on-call API (token %4$s, in target/local-run/oncall-tokens as "oncall"):
                  curl -s -H 'Authorization: Bearer %4$s' %1$s/targets/default/deployments/app
                The README's walk-throughs use variables: in another terminal, source target/local-run.env

                Ctrl-C stops everything.
                """, base, api.url(), token, ONCALL_TOKEN);
        int exit = app.process.waitFor();
        System.exit(exit);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
    }
}

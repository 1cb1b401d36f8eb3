package dev.alertscaler.it;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Configures the packaged jar under test: its webhook token (the prod profile has none, and
 * refuses to start without) and a 1 s reconcile interval, so that stories with shortened windows
 * and periods play out in seconds.
 */
public class PackagedJarConfig implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = "it-token";

    @Override
    public Map<String, String> start() {
        return Map.of("alertscaler.webhook.token", TOKEN, "alertscaler.reconcile.interval", "1s");
    }

    @Override
    public void stop() {
    }
}

package dev.alertscaler.it;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Gives the packaged jar under test its webhook token (the prod profile has none, and refuses to start without). */
public class WebhookTokenResource implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = "it-token";

    @Override
    public Map<String, String> start() {
        return Map.of("alertscaler.webhook.token", TOKEN);
    }

    @Override
    public void stop() {
    }
}

package dev.alertscaler.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Configures the packaged jar under test: its webhook token (the prod profile has none, and
 * refuses to start without), an on-call tokens file, and a 1 s reconcile interval, so that stories
 * with shortened windows and periods play out in seconds.
 */
public class PackagedJarConfig implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = "it-token";
    static final String ONCALL_TOKEN = "it-oncall-token";

    @Override
    public Map<String, String> start() {
        try {
            Path tokens = Files.createTempFile("oncall-tokens", "");
            Files.writeString(tokens, "oncall=" + ONCALL_TOKEN + "\n");
            tokens.toFile().deleteOnExit();
            return Map.of("alertscaler.webhook.token", TOKEN, "alertscaler.reconcile.interval", "1s",
                    "alertscaler.oncall.tokens-file", tokens.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}

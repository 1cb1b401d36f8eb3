package dev.alertscaler;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Configuration overrides for one {@code @QuarkusTest} class, as test resources that only set properties. */
public final class TestConfig {

    private TestConfig() {
    }

    /** {@code alertscaler.namespaces=team-a}. */
    public static class TeamAOnly implements Properties {
        @Override
        public Map<String, String> start() {
            return Map.of("alertscaler.namespaces", "team-a");
        }
    }

    /** {@code alertscaler.dry-run=true}. */
    public static class GlobalDryRun implements Properties {
        @Override
        public Map<String, String> start() {
            return Map.of("alertscaler.dry-run", "true");
        }
    }

    /** {@code alertscaler.webhook.auth=none}. */
    public static class OpenWebhook implements Properties {
        @Override
        public Map<String, String> start() {
            return Map.of("alertscaler.webhook.auth", "none");
        }
    }

    /** A test resource that only sets properties: nothing to stop. */
    interface Properties extends QuarkusTestResourceLifecycleManager {
        @Override
        default void stop() {
        }
    }
}

package dev.alertscaler;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.alertscaler.config.AlertscalerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Configuration for tests: overrides for one {@code @QuarkusTest} class (test resources that only
 * set properties), and the mapping itself for unit tests that run without Quarkus.
 */
public final class TestConfig {

    private TestConfig() {
    }

    /**
     * {@link AlertscalerConfig} as Quarkus would build it, with its defaults and these properties
     * ({@code "alertscaler.dry-run", "true", …}), without starting Quarkus.
     */
    public static AlertscalerConfig mapping(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(AlertscalerConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(AlertscalerConfig.class);
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

package dev.alertscaler.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** The on-call API's tokens and limits. */
public interface OncallConfig {

    /**
     * A file of {@code name=token} lines; the name is recorded as the author of each action. Re-read
     * when it changes. Without it the on-call endpoints answer 401 to everyone.
     */
    Optional<Path> tokensFile();

    /** How long a manual replica count is held when the request gives no {@code holdFor}. */
    @WithDefault("30m")
    Duration defaultHold();

    /** How long a pause lasts when the request gives no {@code until}. */
    @WithDefault("1h")
    Duration defaultPause();

    /** The longest hold or pause accepted: overrides must end by themselves. */
    @WithDefault("24h")
    Duration maxOverride();
}

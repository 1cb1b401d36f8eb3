package dev.alertscaler.alertmanager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.alertscaler.auth.TokenSet;
import dev.alertscaler.config.AlertscalerConfig;
import io.quarkus.runtime.StartupEvent;

/** Checks Alertmanager's bearer token; refuses to start with no token unless auth is off on purpose. */
@ApplicationScoped
public class WebhookAuth {

    private final boolean required;
    private final TokenSet tokens;

    public WebhookAuth(AlertscalerConfig config) {
        this.required = config.webhook().auth() == AlertscalerConfig.Auth.BEARER;
        this.tokens = new TokenSet(config.webhook().token(), config.webhook().tokenFile());
    }

    void checkAtStartup(@Observes StartupEvent event) {
        if (required && tokens.isEmpty()) {
            throw new IllegalStateException("no webhook token: set alertscaler.webhook.token or "
                    + "alertscaler.webhook.token-file, or alertscaler.webhook.auth=none to accept "
                    + "unauthenticated notifications on purpose");
        }
    }

    /** Whether the {@code Authorization} header carries an accepted token (always, with auth=none). */
    public boolean accepts(String authorization) {
        return !required || tokens.accepts(TokenSet.bearer(authorization));
    }
}

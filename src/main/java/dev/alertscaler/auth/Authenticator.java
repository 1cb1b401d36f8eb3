package dev.alertscaler.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.alertscaler.config.AlertscalerConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells who calls from the bearer token: Alertmanager (the webhook tokens) or a named on-call
 * engineer (the on-call tokens file). Each may use only its own endpoints: the other's token gets
 * 403, no or an unknown token 401. Refuses to start with no webhook token unless
 * {@code alertscaler.webhook.auth=none} is set on purpose.
 */
@ApplicationScoped
public class Authenticator {

    /** Who a token belongs to. */
    public enum Role { ALERTMANAGER, ONCALL }

    /** A caller: its role and, for on-call engineers, the name recorded as the author of actions. */
    public record Caller(Role role, String name) {
    }

    private final boolean webhookAuthRequired;
    private final TokenSet webhookTokens;
    private final TokenSet oncallTokens;

    public Authenticator(AlertscalerConfig config) {
        this.webhookAuthRequired = config.webhook().auth() == AlertscalerConfig.Auth.BEARER;
        this.webhookTokens = new TokenSet(config.webhook().token(), config.webhook().tokenFile());
        this.oncallTokens = new TokenSet(Optional.empty(), config.oncall().tokensFile(), true);
    }

    void checkAtStartup(@Observes StartupEvent event) {
        if (webhookAuthRequired && webhookTokens.isEmpty()) {
            throw new IllegalStateException("no webhook token: set alertscaler.webhook.token or "
                    + "alertscaler.webhook.token-file, or alertscaler.webhook.auth=none to accept "
                    + "unauthenticated notifications on purpose");
        }
    }

    /** The caller presenting this {@code Authorization} header, if its token is known. */
    public Optional<Caller> identify(String authorization) {
        String token = TokenSet.bearer(authorization);
        Optional<String> oncall = oncallTokens.identify(token);
        if (oncall.isPresent()) {
            return Optional.of(new Caller(Role.ONCALL, oncall.get()));
        }
        return webhookTokens.identify(token).map(name -> new Caller(Role.ALERTMANAGER, "alertmanager"));
    }

    /** Whether the webhook accepts a caller without a token ({@code alertscaler.webhook.auth=none}). */
    public boolean webhookOpen() {
        return !webhookAuthRequired;
    }
}

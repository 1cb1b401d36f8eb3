package dev.alertscaler.alertmanager;

import java.util.Locale;

/**
 * How one request to {@code POST /alertmanager} ended: the {@code outcome} label of
 * {@code alertscaler_webhook_requests_total}. Alertmanager drops every 4xx silently, so the
 * rejections are where a wrong token or an oversized notification shows.
 */
public enum WebhookOutcome {
    /** Handled (200). */
    OK,
    /** A target failed transiently (503): Alertmanager sends it again. */
    RETRY,
    /** No token, or an unknown one (401). */
    UNAUTHORIZED,
    /** An on-call token (403). */
    FORBIDDEN,
    /** Not a version-4 notification (400). */
    MALFORMED,
    /** Above {@code alertscaler.webhook.max-body-bytes} (413). */
    TOO_LARGE,
    /** An accepted caller whose body did not arrive within {@code alertscaler.webhook.body-timeout}: connection closed. */
    SLOW_BODY;

    /** The metric label and the answer's {@code status}: {@code too_large}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

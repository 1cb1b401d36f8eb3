package dev.alertscaler.alertmanager;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.alertscaler.auth.Authenticator;
import dev.alertscaler.config.AlertscalerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The webhook's door, on the event loop before any body is read: a caller without an accepted
 * token (401) or with an on-call token (403) is answered from its headers alone, and its
 * connection closed. An accepted caller has
 * {@code alertscaler.webhook.body-timeout} to send the rest of its body, or its connection is
 * closed. The body is then read without blocking, so slow senders hold a connection, never a worker
 * thread: about 200 senders stalled mid-body used to take every worker and starve Alertmanager.
 */
@ApplicationScoped
public class WebhookGate {

    private static final Logger LOG = Logger.getLogger(WebhookGate.class);
    private static final String BODY_RECEIVED = "alertscaler.body-received";

    private final Authenticator authenticator;
    private final WebhookMetrics metrics;
    private final Vertx vertx;
    private final Duration bodyTimeout;

    public WebhookGate(Authenticator authenticator, WebhookMetrics metrics, Vertx vertx, AlertscalerConfig config) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.vertx = vertx;
        this.bodyTimeout = config.webhook().bodyTimeout();
    }

    void install(@Observes Router router) {
        // before Quarkus REST's route, which reads the body
        router.post(AlertmanagerResource.PATH).order(-100).handler(this::admit);
    }

    private void admit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Optional<Authenticator.Caller> caller = authenticator.identify(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (caller.isPresent() && caller.get().role() != Authenticator.Role.ALERTMANAGER) {
            reject(ctx, 403, WebhookOutcome.FORBIDDEN, "an on-call token cannot post notifications");
            return;
        }
        if (caller.isEmpty() && !authenticator.webhookOpen()) {
            reject(ctx, 401, WebhookOutcome.UNAUTHORIZED, "missing or unknown bearer token");
            return;
        }
        if (!request.isEnded()) {
            AtomicBoolean received = new AtomicBoolean();
            ctx.put(BODY_RECEIVED, received);
            long timer = vertx.setTimer(bodyTimeout.toMillis(), id -> {
                if (!received.get() && !request.isEnded()) {
                    metrics.count(WebhookOutcome.SLOW_BODY);
                    LOG.warnf("webhook rejected outcome=%s: body not received within %s; connection closed",
                            WebhookOutcome.SLOW_BODY.label(), bodyTimeout);
                    // HTTP/1.x: the connection is closed; HTTP/2: only this stream, not its neighbours
                    ctx.response().reset();
                }
            });
            ctx.addEndHandler(done -> vertx.cancelTimer(timer));
        }
        ctx.next();
    }

    /** Called by the resource once it has the whole body: the body timeout no longer applies. */
    static void bodyReceived(RoutingContext ctx) {
        AtomicBoolean received = ctx == null ? null : ctx.get(BODY_RECEIVED);
        if (received != null) {
            received.set(true);
        }
    }

    private void reject(RoutingContext ctx, int status, WebhookOutcome outcome, String message) {
        metrics.count(outcome);
        LOG.warnf("webhook rejected status=%d outcome=%s: %s", status, outcome.label(), message);
        // the body is never read: over HTTP/1.x close the connection rather than drain what a
        // stranger sends; over HTTP/2 the answer ends this stream alone (others share the connection)
        boolean http1 = ctx.request().version() != HttpVersion.HTTP_2;
        if (http1) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", message).encode())
                .onComplete(sent -> {
                    if (http1) {
                        ctx.request().connection().close();
                    }
                });
    }
}

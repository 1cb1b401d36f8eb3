package dev.alertscaler.alertmanager;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertscaler.config.AlertscalerConfig;
import io.vertx.ext.web.RoutingContext;

/**
 * The Alertmanager webhook receiver. Alertmanager retries 5xx and transport errors and drops every
 * 4xx silently, so: 200 when done (or nothing can be done), 503 when a retry can help, and every
 * rejection counted in {@code alertscaler_webhook_requests_total{outcome}} for our own alerts.
 */
@Path(AlertmanagerResource.PATH)
@Tag(name = "Alertmanager")
public class AlertmanagerResource {

    static final String PATH = "/alertmanager";

    private static final Logger LOG = Logger.getLogger(AlertmanagerResource.class);

    private final NotificationHandler handler;
    private final ObjectMapper mapper;
    private final WebhookMetrics metrics;
    private final int maxBodyBytes;

    public AlertmanagerResource(NotificationHandler handler, ObjectMapper mapper, WebhookMetrics metrics,
            AlertscalerConfig config) {
        this.handler = handler;
        this.mapper = mapper;
        this.metrics = metrics;
        this.maxBodyBytes = config.webhook().maxBodyBytes();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive an Alertmanager webhook notification (payload version 4)")
    @APIResponse(responseCode = "200", description = "Handled; the outcome of each alert")
    @APIResponse(responseCode = "400", description = "Not JSON, or not payload version 4")
    @APIResponse(responseCode = "401", description = "No token, or not an accepted one")
    @APIResponse(responseCode = "403", description = "An on-call token: those are for /targets")
    @APIResponse(responseCode = "413", description = "Body above alertscaler.webhook.max-body-bytes")
    @APIResponse(responseCode = "503", description = "The Kubernetes API failed transiently for a target; retry")
    public Response receive(byte[] bytes, @Context RoutingContext routing) throws IOException {
        // the caller's token was checked by WebhookGate before the body was read (without blocking)
        WebhookGate.bodyReceived(routing);
        if (bytes.length > maxBodyBytes) {
            return reject(Response.Status.REQUEST_ENTITY_TOO_LARGE, WebhookOutcome.TOO_LARGE, "body above " + maxBodyBytes
                    + " bytes; lower max_alerts on the receiver");
        }
        WebhookPayload payload;
        try {
            payload = mapper.readValue(bytes, WebhookPayload.class);
        } catch (JacksonException e) {
            return reject(Response.Status.BAD_REQUEST, WebhookOutcome.MALFORMED, "not an Alertmanager payload: "
                    + e.getOriginalMessage());
        }
        Optional<String> problem = payload == null ? Optional.of("payload version must be \"4\", got nothing")
                : payload.problem();
        if (problem.isPresent()) {
            return reject(Response.Status.BAD_REQUEST, WebhookOutcome.MALFORMED, problem.get());
        }
        NotificationHandler.Result result = handler.handle(payload);
        WebhookOutcome outcome = result.retry() ? WebhookOutcome.RETRY : WebhookOutcome.OK;
        metrics.count(outcome);
        return Response.status(result.retry() ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.OK)
                .entity(Map.of("status", outcome.label(), "alerts", result.alerts()))
                .build();
    }

    private Response reject(Response.Status status, WebhookOutcome outcome, String message) {
        metrics.count(outcome);
        LOG.warnf("webhook rejected status=%d outcome=%s: %s", status.getStatusCode(), outcome.label(), message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}

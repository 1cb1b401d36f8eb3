package dev.alertscaler.reconcile;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.alertscaler.config.AlertscalerConfig;

/**
 * {@code POST /reconcile}: the same reconcile as the in-process schedule, for a Knative PingSource
 * or a CronJob when the service may be scaled to zero. It needs no token (a PingSource cannot send
 * one): it is idempotent and can only do what the policy would do anyway, and calls sooner than
 * {@code alertscaler.reconcile.min-gap} after the last are answered with its report.
 */
@Singleton
@Path("/reconcile")
@Tag(name = "Reconcile")
public class ReconcileResource {

    private final Reconciler reconciler;
    private final ReconcileGate gate;

    public ReconcileResource(Reconciler reconciler, Clock clock, AlertscalerConfig config) {
        this.reconciler = reconciler;
        this.gate = new ReconcileGate(clock, config.reconcile().minGap());
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reconcile every opted-in target now")
    @APIResponse(responseCode = "200", description = "Done: targets seen, changes made (with reasons), failures; "
            + "within alertscaler.reconcile.min-gap of the last call, that call's report (see ranAt)")
    @APIResponse(responseCode = "202", description = "A reconcile is already running in this instance")
    public Response reconcile() {
        Optional<ReconcileReport> report = gate.run(reconciler::reconcile);
        return report.map(r -> Response.ok(r).build())
                .orElseGet(() -> Response.accepted(Map.of("status", "a reconcile is already running")).build());
    }
}

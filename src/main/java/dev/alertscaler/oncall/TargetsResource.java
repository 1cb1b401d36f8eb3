package dev.alertscaler.oncall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.scaling.TargetRef;
import dev.alertscaler.scaling.Workload;
import dev.alertscaler.policy.Pause;
import dev.alertscaler.scaling.HeartbeatMonitor;
import dev.alertscaler.scaling.OncallAction;
import dev.alertscaler.scaling.ScaleJob;
import dev.alertscaler.scaling.TargetOutcome;
import dev.alertscaler.scaling.TargetScaler;
import dev.alertscaler.scaling.TargetStore;
import dev.alertscaler.scaling.Namespaces;

/**
 * The on-call API: see every target and why it is at its count; pin a count for a while; pause
 * and resume. Named on-call tokens only (the author of each action is the token's name); the
 * webhook token gets 403. Every action is a Kubernetes Event and a log line.
 */
@Path("/targets")
@Tag(name = "On-call")
@SecurityScheme(securitySchemeName = "oncall", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A token from alertscaler.oncall.tokens-file (name=token lines)")
@SecurityRequirement(name = "oncall")
@Produces(MediaType.APPLICATION_JSON)
public class TargetsResource {

    private static final String REPLICAS_EXAMPLE = """
            {"replicas": 6, "reason": "INC-4211: checkout slow, holding capacity", "holdFor": "45m"}""";
    private static final String PAUSE_EXAMPLE = """
            {"reason": "INC-4211: investigating", "until": "2026-11-28T04:00:00Z", "direction": "down"}""";

    private final OncallGuard guard;
    private final TargetStore targets;
    private final Namespaces namespaces;
    private final TargetScaler scaler;
    private final TargetViews views;
    private final HeartbeatMonitor heartbeat;
    private final Clock clock;
    private final AlertscalerConfig config;

    public TargetsResource(OncallGuard guard, TargetStore targets, Namespaces namespaces, TargetScaler scaler,
            TargetViews views, HeartbeatMonitor heartbeat, Clock clock, AlertscalerConfig config) {
        this.guard = guard;
        this.targets = targets;
        this.namespaces = namespaces;
        this.scaler = scaler;
        this.views = views;
        this.heartbeat = heartbeat;
        this.clock = clock;
        this.config = config;
    }

    @GET
    @Operation(summary = "Every opted-in target, with why it is at its count and when it may next scale down")
    @APIResponse(responseCode = "200", description = "The targets")
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return guard.guarded(authorization, author -> {
            Instant now = clock.instant();
            HeartbeatMonitor.SignalStatus signal = heartbeat.peek(now);
            List<TargetView> all = new ArrayList<>();
            for (Optional<String> namespace : namespaces.scopes()) {
                for (Workload w : targets.listOptedIn(namespace)) {
                    all.add(views.view(w, signal, now));
                }
            }
            return Response.ok(all).build();
        });
    }

    @GET
    @Path("/{namespace}/{kind}/{name}")
    @Operation(summary = "One target: replicas, policy and its sources, firing alerts, holds and pauses, next scale-down, recent changes")
    @APIResponse(responseCode = "200", description = "The target")
    @APIResponse(responseCode = "404", description = "No such target, or not opted in")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("namespace") String namespace, @PathParam("kind") String kind, @PathParam("name") String name) {
        return guard.guarded(authorization, author -> viewOf(guard.ref(namespace, kind, name)));
    }

    @PUT
    @Path("/{namespace}/{kind}/{name}/replicas")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scale now and hold that count until the hold expires (default 30m); alerts are still recorded")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "hold", value = REPLICAS_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Done; the target as it is now")
    @APIResponse(responseCode = "400", description = "Invalid input; the message names the field (outside [min, max] needs \"force\": true)")
    @APIResponse(responseCode = "404", description = "No such target, or not opted in")
    @APIResponse(responseCode = "503", description = "The Kubernetes API is unavailable; try again")
    public Response scale(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("namespace") String namespace, @PathParam("kind") String kind, @PathParam("name") String name,
            String body) {
        return guard.guarded(authorization, author -> {
            TargetRef ref = guard.ref(namespace, kind, name);
            OncallRequest request = OncallRequest.parse(body, config.oncall(), clock.instant());
            int replicas = request.replicas();
            String reason = request.reason();
            Duration holdFor = request.holdFor();
            Instant now = request.now();
            return act(ref, OncallControls.holdAt(replicas, request.force(), holdFor, author, reason, now), now,
                    () -> viewOf(ref));
        });
    }

    @PUT
    @Path("/{namespace}/{kind}/{name}/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pause scaling of the target (both directions, or only up or down) until a time (default 1h)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "pause scale-down", value = PAUSE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Paused; the target as it is now")
    @APIResponse(responseCode = "400", description = "Invalid input; the message names the field")
    @APIResponse(responseCode = "404", description = "No such target, or not opted in")
    public Response pause(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("namespace") String namespace, @PathParam("kind") String kind, @PathParam("name") String name,
            String body) {
        return guard.guarded(authorization, author -> {
            TargetRef ref = guard.ref(namespace, kind, name);
            OncallRequest request = OncallRequest.parse(body, config.oncall(), clock.instant());
            String reason = request.reason();
            Pause.Direction direction = request.direction();
            Instant until = request.until();
            return act(ref, OncallControls.pause(direction, until, author, reason), request.now(), () -> viewOf(ref));
        });
    }

    @DELETE
    @Path("/{namespace}/{kind}/{name}/pause")
    @Operation(summary = "End a pause set through the API (idempotent); a pause set by annotation stays until the annotation goes")
    @APIResponse(responseCode = "204", description = "Not paused through the API any more")
    @APIResponse(responseCode = "404", description = "No such target, or not opted in")
    public Response resume(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("namespace") String namespace, @PathParam("kind") String kind, @PathParam("name") String name) {
        return guard.guarded(authorization, author -> {
            TargetRef ref = guard.ref(namespace, kind, name);
            Instant now = clock.instant();
            return act(ref, OncallControls.resume(author), now, () -> Response.noContent().build());
        });
    }

    private Response viewOf(TargetRef ref) {
        Instant now = clock.instant();
        Optional<Workload> found = targets.get(ref).filter(Workload::optedIn);
        if (found.isEmpty()) {
            return OncallGuard.error(Response.Status.NOT_FOUND, null, ref + " does not exist or is not opted in");
        }
        return Response.ok(views.view(found.get(), heartbeat.peek(now), now)).build();
    }

    private Response act(TargetRef ref, OncallAction control, Instant now, Supplier<Response> done) {
        TargetOutcome outcome = scaler.run(new ScaleJob.Action(ref, control, () -> heartbeat.frozenBecause(now), now,
                now.plusSeconds(10)));
        return switch (outcome.status()) {
            case APPLIED, UNCHANGED -> done.get();
            case NOT_FOUND -> OncallGuard.error(Response.Status.NOT_FOUND, null, outcome.message());
            case IGNORED -> OncallGuard.error(Response.Status.CONFLICT, null, outcome.message());
            case RETRY -> OncallGuard.error(Response.Status.SERVICE_UNAVAILABLE, null, outcome.message());
            case FAILED -> OncallGuard.error(Response.Status.BAD_GATEWAY, null, outcome.message());
        };
    }
}

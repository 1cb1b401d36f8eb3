package dev.alertscaler.oncall;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.alertscaler.auth.Authenticator;
import dev.alertscaler.scaling.ApiException;
import dev.alertscaler.scaling.KubernetesNames;
import dev.alertscaler.scaling.Namespaces;
import dev.alertscaler.scaling.OncallAction;
import dev.alertscaler.scaling.TargetRef;
import dev.alertscaler.scaling.WorkloadKind;

/**
 * The on-call API's one place that maps a request to its protocol: who may call (401, 403), which
 * target a path names (400 for a bad kind, 404 outside the allow-list), and how failures answer
 * (400 naming the field, 503 when the Kubernetes API is unavailable).
 */
@ApplicationScoped
class OncallGuard {

    private static final String KINDS = Arrays.stream(WorkloadKind.values()).map(WorkloadKind::plural)
            .collect(Collectors.joining(" or "));

    private final Authenticator authenticator;
    private final Namespaces namespaces;

    OncallGuard(Authenticator authenticator, Namespaces namespaces) {
        this.authenticator = authenticator;
        this.namespaces = namespaces;
    }

    /** Authenticates, then runs the action, mapping bad input to 400 and an unavailable API to 503. */
    Response guarded(String authorization, Function<String, Response> action) {
        Optional<Authenticator.Caller> caller = authenticator.identify(authorization);
        if (caller.isEmpty()) {
            return error(Response.Status.UNAUTHORIZED, null, "missing or unknown bearer token");
        }
        if (caller.get().role() != Authenticator.Role.ONCALL) {
            return error(Response.Status.FORBIDDEN, null, "the webhook token cannot use the on-call API");
        }
        try {
            return action.apply(caller.get().name());
        } catch (OncallAction.InvalidRequest e) {
            return error(Response.Status.BAD_REQUEST, e.field(), e.getMessage());
        } catch (NotATarget e) {
            return error(Response.Status.NOT_FOUND, null, e.getMessage());
        } catch (ApiException | TimeoutException | CircuitBreakerOpenException e) {
            return error(Response.Status.SERVICE_UNAVAILABLE, null, "Kubernetes API unavailable: " + e.getMessage());
        }
    }

    TargetRef ref(String namespace, String kind, String name) {
        WorkloadKind k = WorkloadKind.fromPlural(kind).orElseThrow(() ->
                new OncallAction.InvalidRequest("kind", "kind must be " + KINDS + ", not \"" + kind + "\""));
        KubernetesNames.namespaceProblem(namespace).ifPresent(p -> {
            throw new OncallAction.InvalidRequest("namespace", p);
        });
        KubernetesNames.nameProblem(name).ifPresent(p -> {
            throw new OncallAction.InvalidRequest("name", p);
        });
        TargetRef ref = new TargetRef(namespace, k, name);
        if (!namespaces.allows(namespace)) {
            throw new NotATarget(ref + " is outside alertscaler.namespaces");
        }
        return ref;
    }

    /** A target alertscaler may not scale: 404, like one that does not exist. */
    private static final class NotATarget extends RuntimeException {
        NotATarget(String message) {
            super(message);
        }
    }

    static Response error(Response.Status status, String field, String message) {
        Map<String, String> body = field == null ? Map.of("error", message) : Map.of("error", message, "field", field);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}

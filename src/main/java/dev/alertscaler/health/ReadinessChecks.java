package dev.alertscaler.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.alertscaler.kubernetes.ApiProbe;
import dev.alertscaler.kubernetes.WorkloadCache;
import dev.alertscaler.scaling.HeartbeatMonitor;

/**
 * What {@code /q/health/ready} reports. Only {@code kubernetes-api} can take the pod out of
 * rotation: without the API nothing can be scaled, and another instance may still reach it. The
 * watch cache is a shortcut (without it notifications read from the API) and the heartbeat is a
 * signal about Alertmanager: a lost heartbeat must never stop the webhook that would receive it
 * again, so both are always UP, with their state as data.
 */
@ApplicationScoped
public class ReadinessChecks {

    @Produces
    @Readiness
    HealthCheck kubernetesApi(ApiProbe probe) {
        return () -> {
            ApiProbe.Reachability r = probe.check();
            return HealthCheckResponse.named("kubernetes-api").status(r.reachable())
                    .withData("detail", r.detail()).withData("checkedAt", r.at().toString()).build();
        };
    }

    @Produces
    @Readiness
    HealthCheck watchCache(WorkloadCache cache) {
        return () -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("watch-cache").up()
                    .withData("enabled", cache.enabled())
                    .withData("ready", cache.ready());
            cache.state().forEach(response::withData);
            return response.build();
        };
    }

    @Produces
    @Readiness
    HealthCheck heartbeat(HeartbeatMonitor heartbeat) {
        return () -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("alertmanager-heartbeat").up();
            heartbeat.lastChecked().ifPresentOrElse(s -> {
                response.withData("lost", s.lost()).withData("lastSeen", s.lastSeen().map(Object::toString).orElse("never"));
                s.timeout().ifPresent(t -> response.withData("timeout", t.toString()));
            }, () -> response.withData("watched", "not yet checked, or alertscaler.heartbeat.timeout unset"));
            return response.build();
        };
    }
}

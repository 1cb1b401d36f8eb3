package dev.alertscaler.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import dev.alertscaler.config.AlertscalerConfig;
import dev.alertscaler.scaling.Namespaces;
import dev.alertscaler.scaling.TargetRef;
import dev.alertscaler.scaling.Workload;
import dev.alertscaler.scaling.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * A watch cache of the opted-in workloads (one informer per kind and namespace scope, selected by
 * the {@code alertscaler.dev/enabled=true} label), so that a notification that changes nothing
 * costs no API call. Only the webhook reads from it, and only for its first attempt: every write
 * still carries the {@code resourceVersion} it was decided on, so a stale cache ends in a 409 and
 * the target is read from the API and decided again. The reconciler always lists from the API.
 *
 * <p>The cache answers only while its informer has synced and is watching; otherwise, and for a
 * workload it does not hold (not opted in, just labelled, not there), the caller reads from the API.
 * An informer whose first LIST or whose watch fails keeps retrying; its state is in readiness
 * ({@code watch-cache}, never taking the pod out of rotation) and {@code alertscaler_watch_cache_ready}.
 * Switched off with {@code alertscaler.webhook.watch-cache=false}.
 */
@ApplicationScoped
public class WorkloadCache {

    private static final Logger LOG = Logger.getLogger(WorkloadCache.class);

    private record Scoped(WorkloadKind kind, Optional<String> namespace, SharedIndexInformer<GenericKubernetesResource> informer) {
    }

    private final WorkloadResources resources;
    private final AlertscalerConfig config;
    private final Namespaces namespaces;
    private final MeterRegistry registry;
    /** Set once at start-up and read on every notification: published whole, read without a lock. */
    private volatile List<Scoped> informers = List.of();
    /** Set by {@link #stop()}: informers still being built when the application stops are not started. */
    private boolean stopped;

    public WorkloadCache(KubernetesClient client, AlertscalerConfig config, Namespaces namespaces, MeterRegistry registry) {
        this.namespaces = namespaces;
        this.registry = registry;
        this.resources = new WorkloadResources(client);
        this.config = config;
    }

    /**
     * Starts the informers in the background: until they have synced, reads go to the API. Even
     * building them is off the start-up path — it loads fabric8's informer machinery, about 0.3 s
     * on a cold JVM that the HTTP server would otherwise wait for (BENCHMARKS.md, "Footprint").
     */
    void start(@Observes StartupEvent event, ManagedExecutor executor) {
        if (!enabled()) {
            return;
        }
        Gauge.builder("alertscaler_watch_cache_ready", this, c -> c.ready() ? 1 : 0)
                .description("1 while every informer of the watch cache has synced and is watching; 0 while notifications read from the API")
                .register(registry);
        executor.runAsync(this::startInformers).exceptionally(e -> {
            LOG.warnf("watch cache not started (%s): notifications read from the API", e.getMessage());
            return null;
        });
    }

    /** Builds and starts one informer per kind and scope, and publishes them; never after {@link #stop()}. */
    private synchronized void startInformers() {
        if (stopped) {
            return;
        }
        List<Scoped> started = new ArrayList<>();
        for (Optional<String> scope : namespaces.scopes()) {
            for (WorkloadKind kind : WorkloadKind.values()) {
                String what = kind.plural() + scope.map(n -> " in " + n).orElse("");
                SharedIndexInformer<GenericKubernetesResource> informer = resources.optedIn(kind, scope).runnableInformer(0);
                // fabric8 gives up for good when the first LIST fails (an API restarting as we
                // start); we keep trying, with its backoff, and read from the API meanwhile
                informer.exceptionHandler((running, e) -> {
                    LOG.warnf("watch cache of %s %s (%s); retrying, notifications read from the API meanwhile", what,
                            running ? "lost its watch" : "not started", e.getMessage());
                    return true;
                });
                informer.start().whenComplete((ignored, e) -> {
                    if (e == null) {
                        LOG.infof("watch cache of %s synced", what);
                    }
                });
                started.add(new Scoped(kind, scope, informer));
            }
        }
        informers = List.copyOf(started);
    }

    /** Whether the watch cache is switched on (off with the kill switch or {@code alertscaler.webhook.watch-cache=false}). */
    public boolean enabled() {
        return config.webhook().watchCache() && !config.paused();
    }

    /** Whether every informer has synced and is watching: the cache answers for all its targets. */
    public boolean ready() {
        List<Scoped> running = informers;
        return !running.isEmpty() && running.stream().allMatch(s -> s.informer().hasSynced() && s.informer().isWatching());
    }

    /** Per informer ("deployments", "statefulsets in team-a"): synced and watching, or not. */
    public Map<String, String> state() {
        Map<String, String> state = new TreeMap<>();
        for (Scoped s : informers) {
            SharedIndexInformer<GenericKubernetesResource> i = s.informer();
            state.put(s.kind().plural() + s.namespace().map(n -> " in " + n).orElse(""),
                    !i.hasSynced() ? "not synced" : i.isWatching() ? "watching" : "watch lost");
        }
        return state;
    }

    /** The workload as last watched, when the cache can vouch for it; empty means: read it from the API. */
    public Optional<Workload> find(TargetRef ref) {
        for (Scoped s : informers) {
            if (s.kind() == ref.kind() && s.namespace().map(ref.namespace()::equals).orElse(true)) {
                if (!s.informer().hasSynced() || !s.informer().isWatching()) {
                    return Optional.empty();
                }
                GenericKubernetesResource object = s.informer().getStore().getByKey(ref.namespace() + "/" + ref.name());
                return Optional.ofNullable(object).map(o -> WorkloadResources.toWorkload(ref, o));
            }
        }
        return Optional.empty();
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        List<Scoped> running = informers;
        informers = List.of();
        running.forEach(s -> s.informer().stop());
    }
}

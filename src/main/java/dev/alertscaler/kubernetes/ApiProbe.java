package dev.alertscaler.kubernetes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.context.ManagedExecutor;

import dev.alertscaler.scaling.ApiException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Whether the Kubernetes API answers at all, for readiness: {@code GET /version} (readable by every
 * client, no RBAC needed), asked at most every 5 s and waited for at most 800 ms, so that probes
 * stay inside a kubelet's 1 s timeout. Any HTTP answer, even 403, counts as reachable: what matters
 * is whether this pod can talk to the API server, not what it may do there.
 */
@ApplicationScoped
public class ApiProbe {

    /** The last answer, and when it was asked for. */
    public record Reachability(boolean reachable, String detail, Instant at) {
    }

    static final Duration FRESH_FOR = Duration.ofSeconds(5);
    static final long WAIT_MS = 800;

    private final Supplier<String> call;
    private final Clock clock;
    private final Executor executor;
    private Reachability last;
    private CompletableFuture<Reachability> probing;

    @Inject
    public ApiProbe(KubernetesClient client, Clock clock, ManagedExecutor executor) {
        this(() -> "version " + client.getKubernetesVersion().getGitVersion(), clock, executor);
    }

    ApiProbe(Supplier<String> call, Clock clock, Executor executor) {
        this.call = call;
        this.clock = clock;
        this.executor = executor;
    }

    /** The last answer if it is fresh, else a new one (or "no answer yet" after 800 ms). */
    public synchronized Reachability check() {
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.at().plus(FRESH_FOR))) {
            return last;
        }
        if (probing == null || probing.isDone()) {
            probing = CompletableFuture.supplyAsync(this::probe, executor);
        }
        try {
            last = probing.get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the probe goes on; the next check after FRESH_FOR waits for it again
            last = new Reachability(false, "no answer within " + WAIT_MS + " ms", now);
        } catch (ExecutionException e) {
            last = new Reachability(false, String.valueOf(e.getCause()), now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last = new Reachability(false, "interrupted", now);
        }
        return last;
    }

    private Reachability probe() {
        Instant at = clock.instant();
        try {
            return new Reachability(true, "answered: " + call.get(), at);
        } catch (KubernetesClientException e) {
            ApiException classified = ApiCalls.classify("GET /version", e);
            return new Reachability(!(classified instanceof ApiException.Unreachable), classified.getMessage(), at);
        } catch (RuntimeException e) {
            return new Reachability(false, "GET /version failed: " + e.getMessage(), at);
        }
    }
}

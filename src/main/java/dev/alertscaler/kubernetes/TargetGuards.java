package dev.alertscaler.kubernetes;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.alertscaler.scaling.ApiException;
import dev.alertscaler.scaling.TargetRef;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;

/**
 * The fault tolerance of reads and writes of one target, with SmallRye Fault Tolerance's
 * programmatic {@link Guard} (annotations give one breaker per method; we need one per target):
 * each attempt cut at 1.5 s, transient failures retried twice within 3 s, and two circuit
 * breakers. The target's own opens when its calls keep failing, so one broken target (an admission
 * webhook that times out, a quota) is refused for 5 s while the others scale. The API's opens only
 * when calls get no answer at all, as when the API server is down for everyone.
 */
final class TargetGuards {

    private static final List<Class<? extends Throwable>> TRANSIENT = List.of(ApiException.Transient.class,
            TimeoutException.class);

    private volatile CircuitBreakerState apiState = CircuitBreakerState.CLOSED;
    private final Guard api = Guard.create()
            .withDescription("the Kubernetes API")
            .withCircuitBreaker()
            .requestVolumeThreshold(ApiCalls.BREAKER_REQUESTS).failureRatio(ApiCalls.BREAKER_FAILURE_RATIO)
            .delay(ApiCalls.BREAKER_DELAY_MS, ChronoUnit.MILLIS).failOn(ApiException.Unreachable.class)
            .onStateChange(state -> apiState = state)
            .done()
            .build();
    /** One per target ever called: a few hundred bytes each, as many as there are opted-in workloads. */
    private final Map<TargetRef, Guard> targets = new ConcurrentHashMap<>();

    /** Calls {@code action} for {@code ref} under both breakers, with timeouts and retries. */
    <T> T call(TargetRef ref, Supplier<T> action, TypeLiteral<T> type) {
        Guard guard = targets.computeIfAbsent(ref, TargetGuards::forTarget);
        AtomicInteger attempts = new AtomicInteger();
        Supplier<T> counted = () -> {
            attempts.incrementAndGet();
            return action.get();
        };
        try {
            return guard.get(() -> api.get(counted, type), type);
        } catch (ApiException e) {
            if (e.kind() == ApiException.Kind.CONFLICT && attempts.get() > 1) {
                throw new ApiException.ConflictAfterRetry(e);
            }
            throw e;
        } catch (CircuitBreakerOpenException e) {
            throw new ApiException.Transient(open(ref), e);
        } catch (TimeoutException e) {
            throw new ApiException.Transient("call for " + ref + " timed out after " + ApiCalls.ATTEMPT_TIMEOUT_MS
                    + " ms", e);
        }
    }

    /** Which breaker refused: the API's, or the target's own. */
    private String open(TargetRef ref) {
        return apiState == CircuitBreakerState.OPEN
                ? "the Kubernetes API gave no answer to most recent calls; calls paused for up to "
                        + ApiCalls.BREAKER_DELAY_MS / 1000 + " s (circuit breaker open)"
                : "calls for " + ref + " keep failing; paused for up to " + ApiCalls.BREAKER_DELAY_MS / 1000
                        + " s while other targets go on (its circuit breaker is open)";
    }

    private static Guard forTarget(TargetRef ref) {
        return Guard.create()
                .withDescription(ref.toString())
                .withRetry()
                .maxRetries(ApiCalls.RETRIES).delay(ApiCalls.RETRY_DELAY_MS, ChronoUnit.MILLIS)
                .jitter(ApiCalls.RETRY_JITTER_MS, ChronoUnit.MILLIS).maxDuration(ApiCalls.RETRY_BUDGET_MS, ChronoUnit.MILLIS)
                .retryOn(TRANSIENT).abortOn(CircuitBreakerOpenException.class)
                .done()
                .withCircuitBreaker()
                .requestVolumeThreshold(ApiCalls.TARGET_BREAKER_REQUESTS)
                .failureRatio(ApiCalls.TARGET_BREAKER_FAILURE_RATIO)
                .delay(ApiCalls.BREAKER_DELAY_MS, ChronoUnit.MILLIS).failOn(TRANSIENT)
                .done()
                .withTimeout().duration(ApiCalls.ATTEMPT_TIMEOUT_MS, ChronoUnit.MILLIS).done()
                .build();
    }
}

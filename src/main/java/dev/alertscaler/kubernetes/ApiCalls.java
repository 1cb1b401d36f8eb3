package dev.alertscaler.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;

import dev.alertscaler.scaling.ApiException;

/**
 * The bounds of one Kubernetes API call, in one place. Retries belong to SmallRye Fault Tolerance
 * alone (fabric8's own are off, {@link KubernetesClientTuning}): a read or write attempt is cut at
 * 1.5 s, a transient failure is retried up to twice with a short backoff, and no retry starts after
 * 3 s, so one call takes at most about 3.1 s. Circuit breakers stop hammering: one per target (a
 * target whose calls keep failing — an admission webhook that times out, say — is refused for a
 * while without touching the others) and one for the API as a whole, opened only by calls that got
 * no answer at all ({@link TargetGuards}). LISTs (the reconciler's, off the webhook's path) get
 * longer. Conflicts are never retried here: the caller must read again and decide again.
 */
final class ApiCalls {

    static final long ATTEMPT_TIMEOUT_MS = 1500;
    static final int RETRIES = 2;
    static final long RETRY_DELAY_MS = 100;
    static final long RETRY_JITTER_MS = 50;
    static final long RETRY_BUDGET_MS = 3000;

    static final long LIST_TIMEOUT_MS = 5000;
    static final long LIST_RETRY_DELAY_MS = 200;
    static final long LIST_RETRY_JITTER_MS = 100;

    /** The API-wide breaker: of the last 20 attempts, 15 got no answer. */
    static final int BREAKER_REQUESTS = 20;
    static final double BREAKER_FAILURE_RATIO = 0.75;
    static final long BREAKER_DELAY_MS = 5000;
    /** A target's breaker: of the last 6 attempts at it (two calls and their retries), 5 failed. */
    static final int TARGET_BREAKER_REQUESTS = 6;
    static final double TARGET_BREAKER_FAILURE_RATIO = 0.8;

    private ApiCalls() {
    }

    /** The failure as the scaler sees it: a conflict, one a retry may cure, or one it will not. */
    static ApiException classify(String what, KubernetesClientException e) {
        int code = e.getCode();
        String message = what + " failed: " + (code > 0 ? "HTTP " + code + " " : "") + e.getMessage();
        if (code == 409) {
            return new ApiException(ApiException.Kind.CONFLICT, message, e);
        }
        // no HTTP answer at all (refused, reset, closed, timed out): fabric8 7.5 reports -1 (0 in
        // older versions). A retry may cure it, so it must reach Alertmanager as a 503, never as a 200
        if (code <= 0) {
            return new ApiException.Unreachable(message, e);
        }
        if (code == 429 || code >= 500) {
            return new ApiException.Transient(message, e);
        }
        return new ApiException(ApiException.Kind.PERMANENT, message, e);
    }
}

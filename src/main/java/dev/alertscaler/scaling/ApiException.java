package dev.alertscaler.scaling;

/** A failed Kubernetes API call, classified by what the caller can do about it. */
public class ApiException extends RuntimeException {

    /** What a caller can do about a failure. */
    public enum Kind {
        /** The object changed since it was read (409): read again and decide again. */
        CONFLICT,
        /** 5xx, 429, a timeout or a broken connection: the same call may succeed later. */
        TRANSIENT,
        /** Anything else (403, 422, …): retrying will not help. */
        PERMANENT
    }

    private final Kind kind;

    public ApiException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Thrown for 5xx, 429, timeouts and transport errors; the fault-tolerance retries act on this type only. */
    public static class Transient extends ApiException {
        public Transient(String message, Throwable cause) {
            super(Kind.TRANSIENT, message, cause);
        }
    }

    /**
     * A 409 met by a retried attempt: the attempt before it failed with no answer, and may have
     * landed — the conflict may be with our own write.
     */
    public static class ConflictAfterRetry extends ApiException {
        public ConflictAfterRetry(ApiException conflict) {
            super(Kind.CONFLICT, conflict.getMessage() + " (on a retried attempt)", conflict);
        }
    }

    /**
     * No HTTP answer at all (refused, reset, closed): the API server, not one object, is out of
     * reach. Only these open the API-wide circuit breaker; an error answered for one object opens
     * that object's breaker alone.
     */
    public static class Unreachable extends Transient {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

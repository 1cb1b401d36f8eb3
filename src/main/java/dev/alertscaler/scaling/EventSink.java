package dev.alertscaler.scaling;

/**
 * Where alertscaler tells people what it did: Kubernetes Events. An Event that cannot be recorded
 * is logged and dropped; it never fails a change that has already happened.
 */
public interface EventSink {

    void record(ObjectRef about, EventReason reason, String message);
}

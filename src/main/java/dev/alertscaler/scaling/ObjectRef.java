package dev.alertscaler.scaling;

/** The object an Event is about: a target, or the heartbeat's ConfigMap. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name, String uid) {
}

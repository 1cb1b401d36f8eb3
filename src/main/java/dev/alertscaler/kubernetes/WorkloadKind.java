package dev.alertscaler.kubernetes;

import java.util.Optional;

/** The kinds of workload alertscaler scales, by their names in URLs, labels and the API. */
public enum WorkloadKind {
    DEPLOYMENT("deployments", "deployment", "Deployment"),
    STATEFULSET("statefulsets", "statefulset", "StatefulSet");

    private final String plural;
    private final String alertLabel;
    private final String apiKind;

    WorkloadKind(String plural, String alertLabel, String apiKind) {
        this.plural = plural;
        this.alertLabel = alertLabel;
        this.apiKind = apiKind;
    }

    /** As in {@code /targets/{ns}/deployments/{name}} and {@code kubectl get deployments}. */
    public String plural() {
        return plural;
    }

    /** The alert label that names a target of this kind: {@code deployment} or {@code statefulset}. */
    public String alertLabel() {
        return alertLabel;
    }

    /** The API kind, as in Events' {@code involvedObject}. */
    public String apiKind() {
        return apiKind;
    }

    public static Optional<WorkloadKind> fromPlural(String plural) {
        for (WorkloadKind kind : values()) {
            if (kind.plural.equals(plural)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind for an API kind ({@code Deployment}), as in an HPA's {@code scaleTargetRef}. */
    public static Optional<WorkloadKind> fromApiKind(String apiKind) {
        for (WorkloadKind kind : values()) {
            if (kind.apiKind.equals(apiKind)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}

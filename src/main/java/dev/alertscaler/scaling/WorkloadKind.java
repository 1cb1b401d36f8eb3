package dev.alertscaler.scaling;

import java.util.Optional;

/**
 * The kinds of workload alertscaler scales, with their API coordinates and their names in URLs
 * and alert labels. Every kind with {@code spec.replicas} and {@code status.readyReplicas} is
 * scaled by the same code: adding one (an Argo Rollout, say) is one constant here, plus the RBAC
 * for its resource ({@code WorkloadKindSeamTest} shows it).
 */
public enum WorkloadKind {
    DEPLOYMENT("apps", "v1", "Deployment", "deployments", "deployment"),
    STATEFULSET("apps", "v1", "StatefulSet", "statefulsets", "statefulset");

    private final String group;
    private final String version;
    private final String apiKind;
    private final String plural;
    private final String alertLabel;

    WorkloadKind(String group, String version, String apiKind, String plural, String alertLabel) {
        this.group = group;
        this.version = version;
        this.apiKind = apiKind;
        this.plural = plural;
        this.alertLabel = alertLabel;
    }

    /** The API group: {@code apps}. */
    public String group() {
        return group;
    }

    public String version() {
        return version;
    }

    /** As in {@code apiVersion}: {@code apps/v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The API kind, as in Events' {@code involvedObject} and an HPA's {@code scaleTargetRef}. */
    public String apiKind() {
        return apiKind;
    }

    /** As in {@code /targets/{ns}/deployments/{name}} and {@code kubectl get deployments}. */
    public String plural() {
        return plural;
    }

    /** The alert label that names a target of this kind: {@code deployment} or {@code statefulset}. */
    public String alertLabel() {
        return alertLabel;
    }

    public static Optional<WorkloadKind> fromPlural(String plural) {
        for (WorkloadKind kind : values()) {
            if (kind.plural.equals(plural)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind an HPA's {@code scaleTargetRef} names ({@code apiVersion} may be absent there). */
    public static Optional<WorkloadKind> fromApiKind(String apiVersion, String apiKind) {
        for (WorkloadKind kind : values()) {
            if (kind.apiKind.equals(apiKind) && (apiVersion == null || kind.group.equals(apiVersion.contains("/")
                    ? apiVersion.substring(0, apiVersion.indexOf('/')) : ""))) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}

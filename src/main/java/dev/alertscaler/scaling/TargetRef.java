package dev.alertscaler.scaling;

/** One scalable workload: a Deployment or StatefulSet in a namespace. */
public record TargetRef(String namespace, WorkloadKind kind, String name) {

    @Override
    public String toString() {
        return namespace + "/" + kind.plural() + "/" + name;
    }
}

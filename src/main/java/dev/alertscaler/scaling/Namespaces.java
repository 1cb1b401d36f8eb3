package dev.alertscaler.scaling;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.alertscaler.config.AlertscalerConfig;

/**
 * {@code alertscaler.namespaces}, the allow-list, said once: which namespaces may be scaled, and
 * the scopes to LIST targets in (each allowed namespace, or one scope for all namespaces).
 */
@Singleton
public class Namespaces {

    private final Optional<List<String>> allowed;

    @Inject
    public Namespaces(AlertscalerConfig config) {
        this(config.namespaces());
    }

    /**
     * @param allowed {@code alertscaler.namespaces}; absent or empty means every namespace the RBAC allows
     */
    public Namespaces(Optional<List<String>> allowed) {
        this.allowed = allowed.filter(list -> !list.isEmpty()).map(List::copyOf);
    }

    public boolean allows(String namespace) {
        return allowed.map(list -> list.contains(namespace)).orElse(true);
    }

    /** The scopes to LIST in: each allowed namespace, or one empty scope for all namespaces. */
    public List<Optional<String>> scopes() {
        return allowed.map(list -> list.stream().map(Optional::of).toList()).orElse(List.of(Optional.empty()));
    }
}

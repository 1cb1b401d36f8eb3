package dev.alertscaler.alertmanager;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.alertscaler.scaling.TargetRef;
import dev.alertscaler.scaling.KubernetesNames;
import dev.alertscaler.scaling.Namespaces;
import dev.alertscaler.scaling.WorkloadKind;
import dev.alertscaler.policy.AlertRole;
import dev.alertscaler.policy.AlertSignal;

/** Maps one webhook alert to its target and signal, or to the reason it is ignored. */
public final class AlertMapper {

    /** The longest fingerprint accepted (Alertmanager's have 16 characters). */
    static final int MAX_FINGERPRINT_CHARS = 128;

    /** The label naming an alert's role. */
    public static final String ROLE_LABEL = "alertscaler_role";

    /** The label naming a target's namespace. */
    public static final String NAMESPACE_LABEL = "namespace";

    /** "deployment and statefulset": the labels that can name a target, one per kind. */
    static final String KIND_LABELS = kindLabels();

    private final Namespaces namespaces;

    public AlertMapper(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    private static String kindLabels() {
        List<String> labels = new ArrayList<>();
        for (WorkloadKind kind : WorkloadKind.values()) {
            labels.add(kind.alertLabel());
        }
        String last = labels.remove(labels.size() - 1);
        return labels.isEmpty() ? last : String.join(", ", labels) + " and " + last;
    }

    /** An alert mapped to its target, or why it is ignored. */
    public sealed interface Mapped permits Targeted, Heartbeat, Ignored {
    }

    /** A firing heartbeat alert: the alerting pipeline is alive. */
    public record Heartbeat() implements Mapped {
    }

    public record Targeted(TargetRef target, AlertSignal signal) implements Mapped {
    }

    /**
     * An alert that cannot act.
     *
     * @param kind   the cause, the {@code reason} label of {@code alertscaler_webhook_ignored_alerts_total}
     * @param reason the whole reason, as answered to Alertmanager
     */
    public record Ignored(IgnoredBecause kind, String reason) implements Mapped {
    }

    public Mapped map(WebhookPayload.Alert alert) {
        Map<String, String> labels = alert.labels() == null ? Map.of() : alert.labels();
        String roleLabel = labels.get(ROLE_LABEL);
        if (roleLabel == null) {
            // kube-state-metrics' alerts carry namespace and deployment too: only a stated role acts
            return new Ignored(IgnoredBecause.MISSING_ROLE, "no " + ROLE_LABEL
                    + " label: not a scaling signal (set scale-up, hold or heartbeat on alertscaler's own rules)");
        }
        Optional<AlertRole> role = AlertRole.fromLabel(roleLabel);
        if (role.isEmpty()) {
            return new Ignored(IgnoredBecause.UNKNOWN_ROLE, "unknown " + ROLE_LABEL + " \"" + roleLabel
                    + "\" (exactly one of scale-up, hold, heartbeat)");
        }
        boolean firing = "firing".equals(alert.status());
        if (!firing && !"resolved".equals(alert.status())) {
            return new Ignored(IgnoredBecause.INVALID_ALERT,
                    "status \"" + alert.status() + "\" is neither firing nor resolved");
        }
        if (!role.get().namesTarget()) {
            return firing ? new Heartbeat()
                    : new Ignored(IgnoredBecause.RESOLVED_HEARTBEAT, "a resolved heartbeat is no heartbeat");
        }
        String namespace = labels.get(NAMESPACE_LABEL);
        List<WorkloadKind> named = new ArrayList<>();
        for (WorkloadKind kind : WorkloadKind.values()) {
            if (!isBlank(labels.get(kind.alertLabel()))) {
                named.add(kind);
            }
        }
        if (isBlank(namespace)) {
            return new Ignored(IgnoredBecause.INVALID_TARGET, "label " + NAMESPACE_LABEL + " is missing");
        }
        if (named.size() != 1) {
            return new Ignored(IgnoredBecause.INVALID_TARGET,
                    "exactly one of the labels " + KIND_LABELS + " must name the target");
        }
        WorkloadKind kind = named.get(0);
        String name = labels.get(kind.alertLabel());
        Optional<String> invalid = KubernetesNames.namespaceProblem(namespace).map(p -> "label " + NAMESPACE_LABEL + ": " + p)
                .or(() -> KubernetesNames.nameProblem(name).map(p -> "label " + kind.alertLabel() + ": " + p));
        if (invalid.isPresent()) {
            return new Ignored(IgnoredBecause.INVALID_TARGET, invalid.get());
        }
        if (!namespaces.allows(namespace)) {
            return new Ignored(IgnoredBecause.NAMESPACE_NOT_ALLOWED,
                    "namespace " + namespace + " is not in alertscaler.namespaces");
        }
        if (isBlank(alert.fingerprint())) {
            return new Ignored(IgnoredBecause.INVALID_ALERT, "alert has no fingerprint");
        }
        // stored as a key of the target's state annotation (256 KiB for all annotations);
        // Alertmanager's are 16 hexadecimal digits
        if (alert.fingerprint().length() > MAX_FINGERPRINT_CHARS || alert.fingerprint().chars().anyMatch(Character::isISOControl)) {
            return new Ignored(IgnoredBecause.INVALID_ALERT, "fingerprint longer than " + MAX_FINGERPRINT_CHARS
                    + " characters or with control characters");
        }
        Optional<Instant> startsAt = instant(alert.startsAt());
        if (startsAt.isEmpty()) {
            return new Ignored(IgnoredBecause.INVALID_ALERT,
                    "startsAt \"" + alert.startsAt() + "\" is not an RFC 3339 time");
        }
        TargetRef target = new TargetRef(namespace, kind, name);
        Instant endsAt = firing ? null : instant(alert.endsAt()).orElse(null);
        return new Targeted(target, new AlertSignal(alert.fingerprint(), role.get(), firing, startsAt.get(), endsAt,
                value(alert.annotations())));
    }

    private static OptionalDouble value(Map<String, String> annotations) {
        String raw = annotations == null ? null : annotations.get("value");
        if (raw == null) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(raw.trim());
            return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty(); // a non-numeric value only disables proportional mode for this alert
        }
    }

    private static Optional<Instant> instant(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

package dev.alertscaler.scaling;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Kubernetes accepts as a namespace (a DNS-1123 label) and as a workload's name (a DNS-1123
 * subdomain). A name from an alert label or a URL is checked before any API call: unchecked, it
 * becomes a raw path segment, and {@code app/scale}, {@code app?x=1} or {@code app#f} would address
 * another object or a subresource.
 */
public final class KubernetesNames {

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern NAMESPACE = Pattern.compile(LABEL);
    private static final Pattern NAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

    private KubernetesNames() {
    }

    /** Why {@code namespace} is no namespace name; empty when it is one. */
    public static Optional<String> namespaceProblem(String namespace) {
        return namespace.length() <= 63 && NAMESPACE.matcher(namespace).matches() ? Optional.empty()
                : Optional.of("\"" + printable(namespace) + "\" is not a namespace name (a DNS-1123 label: at most 63 "
                        + "characters, lower-case letters, digits and '-', starting and ending alphanumeric)");
    }

    /** Why {@code name} is no workload name; empty when it is one. */
    public static Optional<String> nameProblem(String name) {
        return name.length() <= 253 && NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("\"" + printable(name) + "\" is not a workload name (a DNS-1123 subdomain: lower-case "
                        + "letters, digits, '-' and '.', starting and ending alphanumeric)");
    }

    /** The value with anything outside printable ASCII shown as a code point, so that it cannot forge a log line. */
    private static String printable(String value) {
        StringBuilder b = new StringBuilder();
        value.codePoints().limit(100).forEach(c -> {
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                b.appendCodePoint(c);
            } else {
                b.append(String.format("\\u%04x", c));
            }
        });
        return value.length() > 100 ? b + "…" : b.toString();
    }
}

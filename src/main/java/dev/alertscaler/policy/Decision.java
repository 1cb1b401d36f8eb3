package dev.alertscaler.policy;

/**
 * What the policy wants for a target: a replica count and why.
 *
 * @param detail the arithmetic behind it, for people ("step of 2 = max(scale-up-pods 2, ceil(1 × 50 %) = 1)")
 */
public record Decision(int replicas, Reason reason, String detail) {
}

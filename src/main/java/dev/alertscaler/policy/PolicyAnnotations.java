package dev.alertscaler.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a target's {@code alertscaler.dev/*} policy annotations over the global defaults, and
 * checks a policy's rules (the same rules for annotations and for {@code alertscaler.defaults.*}).
 */
public final class PolicyAnnotations {

    /** The prefix of every annotation and label alertscaler reads or writes. */
    public static final String PREFIX = "alertscaler.dev/";

    /** Names of the policy settings, as annotations (after the prefix) and as properties. */
    public static final String MIN_REPLICAS = "min-replicas";
    public static final String MAX_REPLICAS = "max-replicas";
    public static final String SCALE_UP_PODS = "scale-up-pods";
    public static final String SCALE_UP_PERCENT = "scale-up-percent";
    public static final String SCALE_UP_PERIOD = "scale-up-period";
    public static final String STABILIZATION_WINDOW = "stabilization-window";
    public static final String SCALE_DOWN_PERCENT = "scale-down-percent";
    public static final String SCALE_DOWN_PERIOD = "scale-down-period";
    public static final String TARGET_VALUE_PER_REPLICA = "target-value-per-replica";

    /** The largest scale-up-percent accepted: it may exceed 100 (double and more), but not absurdly. */
    static final int MAX_SCALE_UP_PERCENT = 1000;

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private PolicyAnnotations() {
    }

    /** A policy and the names of the settings its annotations set (the others are defaults). */
    public record Resolved(ScalingPolicy policy, Set<String> fromAnnotations) {
    }

    /**
     * The effective policy of a target.
     *
     * @throws InvalidSettingException naming the first invalid annotation
     */
    public static Resolved resolve(ScalingPolicy defaults, Map<String, String> annotations) {
        Reader r = new Reader(annotations);
        ScalingPolicy policy = new ScalingPolicy(
                r.read(MIN_REPLICAS, PolicyAnnotations::parseCount, defaults.minReplicas()),
                r.read(MAX_REPLICAS, PolicyAnnotations::parseCount, defaults.maxReplicas()),
                r.read(SCALE_UP_PODS, PolicyAnnotations::parseCount, defaults.scaleUpPods()),
                r.read(SCALE_UP_PERCENT, PolicyAnnotations::parseCount, defaults.scaleUpPercent()),
                r.read(SCALE_UP_PERIOD, PolicyAnnotations::parseDuration, defaults.scaleUpPeriod()),
                r.read(STABILIZATION_WINDOW, PolicyAnnotations::parseDuration, defaults.stabilizationWindow()),
                r.read(SCALE_DOWN_PERCENT, PolicyAnnotations::parseCount, defaults.scaleDownPercent()),
                r.read(SCALE_DOWN_PERIOD, PolicyAnnotations::parseDuration, defaults.scaleDownPeriod()),
                r.read(TARGET_VALUE_PER_REPLICA, v -> OptionalDouble.of(parsePositive(v)),
                        defaults.targetValuePerReplica()));
        if (policy.minReplicas() > policy.maxReplicas() && !r.fromAnnotations.contains(MAX_REPLICAS)) {
            throw new InvalidSettingException(PREFIX + MIN_REPLICAS, r.raw(MIN_REPLICAS),
                    "must not exceed max-replicas (" + policy.maxReplicas() + ")");
        }
        validate(policy, name -> PREFIX + name, r::raw);
        return new Resolved(policy, r.fromAnnotations);
    }

    /**
     * Checks the rules that span values or bound them.
     *
     * @param settingName the user-facing name of a setting (annotation or property)
     * @param shownValue  the value to show for a setting
     * @throws InvalidSettingException naming the setting that breaks a rule
     */
    public static void validate(ScalingPolicy p, Function<String, String> settingName,
            Function<String, String> shownValue) {
        check(p.minReplicas() >= 1, MIN_REPLICAS, "must be at least 1: with no pod HAProxy answers 503 at once "
                + "instead of queueing, so a queue alert could never fire", settingName, shownValue);
        check(p.maxReplicas() >= p.minReplicas(), MAX_REPLICAS,
                "must be at least min-replicas (" + p.minReplicas() + ")", settingName, shownValue);
        check(p.scaleUpPods() >= 1, SCALE_UP_PODS, "must be at least 1", settingName, shownValue);
        check(p.scaleUpPercent() >= 1 && p.scaleUpPercent() <= MAX_SCALE_UP_PERCENT, SCALE_UP_PERCENT,
                "must be between 1 and " + MAX_SCALE_UP_PERCENT, settingName, shownValue);
        check(p.scaleDownPercent() >= 1 && p.scaleDownPercent() <= 100, SCALE_DOWN_PERCENT,
                "must be between 1 and 100", settingName, shownValue);
        check(!p.scaleUpPeriod().isNegative() && !p.scaleUpPeriod().isZero(), SCALE_UP_PERIOD, "must be positive", settingName, shownValue);
        check(!p.scaleDownPeriod().isNegative() && !p.scaleDownPeriod().isZero(), SCALE_DOWN_PERIOD, "must be positive", settingName, shownValue);
        check(!p.stabilizationWindow().isNegative(), STABILIZATION_WINDOW, "must not be negative",
                settingName, shownValue);
    }

    private static void check(boolean ok, String name, String rule, Function<String, String> settingName,
            Function<String, String> shownValue) {
        if (!ok) {
            throw new InvalidSettingException(settingName.apply(name), shownValue.apply(name), rule);
        }
    }

    /** Every setting of a policy by its name, as text (target-value-per-replica only when set). */
    public static Map<String, String> values(ScalingPolicy p) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(MIN_REPLICAS, String.valueOf(p.minReplicas()));
        values.put(MAX_REPLICAS, String.valueOf(p.maxReplicas()));
        values.put(SCALE_UP_PODS, String.valueOf(p.scaleUpPods()));
        values.put(SCALE_UP_PERCENT, String.valueOf(p.scaleUpPercent()));
        values.put(SCALE_UP_PERIOD, p.scaleUpPeriod().toString());
        values.put(STABILIZATION_WINDOW, p.stabilizationWindow().toString());
        values.put(SCALE_DOWN_PERCENT, String.valueOf(p.scaleDownPercent()));
        values.put(SCALE_DOWN_PERIOD, p.scaleDownPeriod().toString());
        if (p.targetValuePerReplica().isPresent()) {
            values.put(TARGET_VALUE_PER_REPLICA, String.valueOf(p.targetValuePerReplica().getAsDouble()));
        }
        return values;
    }

    /** Parses a duration as Quarkus does: {@code 30} (seconds), {@code 1500ms}, {@code 30s}, {@code 5m}, {@code PT30S}. */
    public static Duration parseDuration(String value) {
        String v = strict(value);
        if (DIGITS.matcher(v).matches()) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        if (v.endsWith("ms") && DIGITS.matcher(v.substring(0, v.length() - 2)).matches()) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        return Duration.parse(v.regionMatches(true, 0, "P", 0, 1) ? v : "PT" + v);
    }

    /**
     * The value without surrounding whitespace; a control character left in it (a NUL, an escape)
     * makes it invalid, where Java's parsers would silently drop it.
     */
    private static String strict(String value) {
        String v = value.strip();
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw new NumberFormatException("a control character in \"" + v.replaceAll("\\p{Cntrl}", "?") + "\"");
        }
        return v;
    }

    private static int parseCount(String value) {
        return Integer.parseInt(strict(value));
    }

    private static double parsePositive(String value) {
        double d = Double.parseDouble(strict(value));
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new NumberFormatException("must be a positive number");
        }
        return d;
    }

    /** Reads annotations one setting at a time, remembering which were set. */
    private static final class Reader {
        private final Map<String, String> annotations;
        private final Set<String> fromAnnotations = new TreeSet<>();

        Reader(Map<String, String> annotations) {
            this.annotations = annotations == null ? Map.of() : annotations;
        }

        <T> T read(String name, Function<String, T> parser, T fallback) {
            String raw = annotations.get(PREFIX + name);
            if (raw == null) {
                return fallback;
            }
            try {
                T parsed = parser.apply(raw);
                fromAnnotations.add(name);
                return parsed;
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new InvalidSettingException(PREFIX + name, raw, rule(name));
            }
        }

        private static String rule(String name) {
            return switch (name) {
                case SCALE_UP_PERIOD, STABILIZATION_WINDOW, SCALE_DOWN_PERIOD ->
                        "not a duration (use 30s, 5m or PT30S)";
                case TARGET_VALUE_PER_REPLICA -> "not a positive number";
                default -> "not a whole number";
            };
        }

        String raw(String name) {
            return annotations.getOrDefault(PREFIX + name, "");
        }
    }
}

package dev.alertscaler.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles over measured values, and the CSV cells they are written as. */
final class Stats {

    private Stats() {
    }

    /** The p-th percentile (0–100) by nearest rank. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** A figure as written: integers without decimals, others with up to 3 significant decimals. */
    static String cell(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.valueOf((long) v);
        }
        return Math.abs(v) >= 100 ? "%.1f".formatted(v) : Math.abs(v) >= 1 ? "%.2f".formatted(v) : "%.3f".formatted(v);
    }
}

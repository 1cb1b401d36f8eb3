package dev.alertscaler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hey} (rakyll/hey, Debian package {@code hey}) posting one body for a fixed time with a
 * number of concurrent senders; every request's latency and status from its CSV output.
 */
final class Hey {

    /** What one hey run measured. */
    record Result(int concurrency, int requests, int errors, double seconds, double[] latenciesMs) {

        double perSecond() {
            return requests / seconds;
        }
    }

    private Hey() {
    }

    static Result post(String url, String token, Path body, int concurrency, int seconds, Path csvOut)
            throws IOException, InterruptedException {
        Process hey = new ProcessBuilder("hey", "-z", seconds + "s", "-c", String.valueOf(concurrency), "-m", "POST",
                "-T", "application/json", "-H", "Authorization: Bearer " + token, "-D", body.toString(), "-o", "csv", url)
                .redirectErrorStream(true).redirectOutput(csvOut.toFile()).start();
        if (hey.waitFor() != 0) {
            throw new IOException("hey failed: " + Files.readString(csvOut));
        }
        // response-time,DNS+dialup,DNS,Request-write,Response-delay,Response-read,status-code,offset
        List<String> lines = Files.readAllLines(csvOut);
        if (lines.isEmpty() || !lines.get(0).startsWith("response-time,")) {
            throw new IOException("unexpected hey output: " + (lines.isEmpty() ? "(empty)" : lines.get(0)));
        }
        List<Double> latencies = new ArrayList<>();
        int errors = 0;
        double lastEnd = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length < 8) {
                continue;
            }
            double responseTime = Double.parseDouble(f[0]);
            latencies.add(responseTime * 1000);
            errors += "200".equals(f[6]) ? 0 : 1;
            lastEnd = Math.max(lastEnd, Double.parseDouble(f[7]) + responseTime);
        }
        // the run's own span (hey's -z is when it stops sending), not the nominal duration
        return new Result(concurrency, latencies.size(), errors, lastEnd,
                latencies.stream().mapToDouble(Double::doubleValue).toArray());
    }
}

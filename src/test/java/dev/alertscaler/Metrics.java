package dev.alertscaler;

import static io.restassured.RestAssured.given;

/** Reads one series from {@code /q/metrics}, as Prometheus would scrape it. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The value of the series, written as Prometheus prints it with its labels in Micrometer's
     * (alphabetical) order, e.g. {@code alertscaler_webhook_requests_total{outcome="unauthorized"}};
     * NaN when the series is absent.
     */
    public static double value(String series) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return Double.NaN;
    }
}

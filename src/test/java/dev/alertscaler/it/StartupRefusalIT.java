package dev.alertscaler.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.alertscaler.local.AlertscalerJar;

/** The packaged jar (or native executable) refuses to start without a webhook token, and says how to fix it. */
class StartupRefusalIT {

    @Test
    void noTokenNoStart() throws Exception {
        Process app = new ProcessBuilder(AlertscalerJar.command(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                AlertscalerJar.packaged(), List.of("-Dquarkus.http.port=0", "-Dkubernetes.master=http://127.0.0.1:1")))
                .redirectErrorStream(true).start();
        boolean exited = app.waitFor(60, TimeUnit.SECONDS);
        String output = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            app.destroyForcibly();
        }
        assertTrue(exited, "still running without a token:\n" + output);
        assertNotEquals(0, app.exitValue());
        assertTrue(output.contains("alertscaler.webhook.token"), output);
        assertFalse(output.contains("Listening on"), output);
    }
}

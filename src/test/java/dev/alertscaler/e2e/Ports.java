package dev.alertscaler.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Free loopback ports, and waiting until a started process listens. */
final class Ports {

    private Ports() {
    }

    static int free() throws IOException {
        return dev.alertscaler.local.AlertscalerJar.freePort();
    }

    static void awaitListening(int port, Process process, String what) throws IOException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(giveUp)) {
            if (process != null && !process.isAlive()) {
                throw new IOException(what + " exited with " + process.exitValue() + " before listening on " + port);
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
        throw new IOException(what + " not listening on " + port + " within 60 s");
    }
}

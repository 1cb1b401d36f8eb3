package dev.alertscaler.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertscaler.config.AlertscalerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Watches the always-firing heartbeat alert: while none has arrived within
 * {@code alertscaler.heartbeat.timeout}, all scale-down is frozen — a silent pipeline must not be
 * read as an idle one. The heartbeat lives in a ConfigMap, so every instance sees the same one.
 */
@ApplicationScoped
public class HeartbeatMonitor {

    private static final Logger LOG = Logger.getLogger(HeartbeatMonitor.class);

    private final HeartbeatStore store;
    private final EventSink events;
    private final Optional<Duration> timeout;
    private final boolean killSwitch;
    private final Duration refreshAfter;
    private final AtomicBoolean corruptReported = new AtomicBoolean();
    private final AtomicReference<Double> ageSeconds = new AtomicReference<>(Double.NaN);
    private final MeterRegistry registry;
    private final Gauge ageGauge;
    private volatile Optional<SignalStatus> lastChecked = Optional.empty();

    public HeartbeatMonitor(HeartbeatStore store, EventSink events, AlertscalerConfig config, MeterRegistry registry) {
        this.store = store;
        this.events = events;
        this.timeout = config.heartbeat().timeout();
        this.killSwitch = config.paused();
        // rewrite lastSeen only when it has aged a quarter of the timeout (at most a minute):
        // a write per heartbeat notification would be pure churn
        Duration quarter = timeout.map(t -> t.dividedBy(4)).orElse(Duration.ofMinutes(1));
        this.refreshAfter = quarter.compareTo(Duration.ofMinutes(1)) < 0 ? quarter : Duration.ofMinutes(1);
        this.registry = registry;
        this.ageGauge = Gauge.builder("alertscaler_heartbeat_age_seconds", ageSeconds, AtomicReference::get)
                .strongReference(true)
                .description("Seconds since the last heartbeat alert arrived (NaN: none known)").register(registry);
    }

    /** Micrometer keeps a gauge bound to its first object: remove it with this bean, so that a restart rebinds it. */
    @PreDestroy
    void removeGauge() {
        registry.remove(ageGauge);
    }

    /**
     * The heartbeat as of {@code now}.
     *
     * @param watched whether {@code alertscaler.heartbeat.timeout} is set
     * @param lost    whether scale-down is frozen for it
     */
    public record SignalStatus(boolean watched, Optional<Instant> lastSeen, Optional<Duration> timeout, boolean lost) {
    }

    /**
     * Records a heartbeat (a firing heartbeat alert arrived); returns whether anything was written.
     * The caller does not call it with the kill switch on.
     */
    public boolean beat(Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            HeartbeatStore.Heartbeat read = read();
            boolean fresh = read.lastSeen().filter(seen -> now.isBefore(seen.plus(refreshAfter))).isPresent();
            if (fresh && !read.lost()) {
                return false;
            }
            try {
                store.write(read, Optional.of(now), false);
                if (read.lost()) {
                    report(false, "heartbeat alert received again at " + now + "; scale-down resumes");
                }
                return true;
            } catch (ApiException e) {
                if (e.kind() != ApiException.Kind.CONFLICT) {
                    throw e;
                }
            }
        }
        return false; // three other writers in a row: the heartbeat is being recorded anyway
    }

    /** What the last reconcile found (empty before the first, or without a timeout); no API call, for health. */
    public Optional<SignalStatus> lastChecked() {
        return lastChecked;
    }

    /** The heartbeat as of {@code now}, read only (for views). */
    public SignalStatus peek(Instant now) {
        if (timeout.isEmpty()) {
            return new SignalStatus(false, Optional.empty(), Optional.empty(), false);
        }
        Optional<Instant> lastSeen = read().lastSeen();
        return new SignalStatus(true, lastSeen, timeout, lost(lastSeen, now));
    }

    /**
     * Why automatic scale-down is frozen now, read only; empty when it is not. An unreadable
     * heartbeat is as good as a lost one. Asked by the webhook and on-call paths only when a
     * decision would scale down, so that the usual notification costs no read.
     */
    public Optional<String> frozenBecause(Instant now) {
        if (timeout.isEmpty()) {
            return Optional.empty();
        }
        try {
            SignalStatus status = peek(now);
            return status.lost() ? Optional.of(lostMessage(status.lastSeen())) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(unreadableMessage(e));
        }
    }

    /** The reason to freeze that a heartbeat which cannot be read gives: as good as lost. */
    public static String unreadableMessage(RuntimeException e) {
        return "heartbeat unreadable: " + e.getMessage();
    }

    /** The reason to freeze that a lost heartbeat gives. */
    public static String lostMessage(Optional<Instant> lastSeen) {
        return "heartbeat lost: " + lastSeen.map(t -> "last seen " + t).orElse("never seen");
    }

    /**
     * Checks the heartbeat once per reconcile; reports the signal lost or restored when that changes
     * (not with the kill switch on: then nothing is written, anywhere).
     */
    public SignalStatus check(Instant now) {
        if (timeout.isEmpty()) {
            return new SignalStatus(false, Optional.empty(), Optional.empty(), false);
        }
        HeartbeatStore.Heartbeat read = read();
        Optional<Instant> lastSeen = read.lastSeen();
        ageSeconds.set(lastSeen.map(seen -> Duration.between(seen, now).toMillis() / 1000.0).orElse(Double.NaN));
        boolean lost = lost(lastSeen, now);
        lastChecked = Optional.of(new SignalStatus(true, lastSeen, timeout, lost));
        if (lost && !read.lost() && !killSwitch) {
            try {
                store.write(read, lastSeen, true);
                report(true, lastSeen.map(seen -> "no heartbeat alert since " + seen).orElse("no heartbeat alert yet")
                        + " (timeout " + timeout.get() + "); all automatic scale-down is frozen until it returns");
            } catch (ApiException e) {
                LOG.debugf("heartbeat state not written (%s); another instance may have", e.getMessage());
            }
        }
        return new SignalStatus(true, lastSeen, timeout, lost);
    }

    /** What the store holds; a corrupt record is no heartbeat, reported once per process (a Warning Event and a log line). */
    private HeartbeatStore.Heartbeat read() {
        HeartbeatStore.Heartbeat read = store.read();
        read.corrupt().filter(reason -> corruptReported.compareAndSet(false, true)).ifPresent(reason -> {
            String message = "the heartbeat record is unreadable (" + reason + "); counted as no heartbeat until the next one "
                    + "overwrites it";
            LOG.warnf("%s: %s", EventReason.InvalidConfig, message);
            events.record(store.reference(), EventReason.InvalidConfig, message);
        });
        return read;
    }

    /** No heartbeat within the timeout, or none ever: lost. */
    private boolean lost(Optional<Instant> lastSeen, Instant now) {
        return lastSeen.map(seen -> !now.isBefore(seen.plus(timeout.get()))).orElse(true);
    }

    private void report(boolean lost, String message) {
        EventReason reason = lost ? EventReason.SignalLost : EventReason.SignalRestored;
        LOG.warnf("%s: %s", reason, message);
        events.record(store.reference(), reason, message);
    }
}

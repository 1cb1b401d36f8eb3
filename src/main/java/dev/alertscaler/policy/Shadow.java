package dev.alertscaler.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A dry-run's own story: the replicas the target would have if alertscaler acted, and the history
 * of those would-be changes. It is kept apart from the real history, so that leaving dry-run starts
 * real decisions from the real count and the real history (a shadow scale-up of 1 → 10 must not
 * make the real 10 look as if it had started the period at 1).
 */
public record Shadow(int replicas, List<ScaleEvent> events, Optional<Instant> lastScaleUp,
        Optional<Instant> lastScaleDown) {

    public Shadow {
        events = List.copyOf(events);
    }
}

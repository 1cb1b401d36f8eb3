package dev.alertscaler.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.alertscaler.policy.ManualHold;
import dev.alertscaler.policy.Pause;
import dev.alertscaler.policy.ScalingPolicy;
import dev.alertscaler.policy.TargetState;
import dev.alertscaler.scaling.EventReason;
import dev.alertscaler.scaling.OncallAction;

/** The on-call actions, applied inside the target's guarded update. */
final class OncallControls {

    private OncallControls() {
    }

    /** Scale to {@code replicas} now and pin it for {@code holdFor}; outside [min, max] only with force. */
    static OncallAction holdAt(int replicas, boolean force, Duration holdFor, String author, String reason, Instant now) {
        Instant until = now.plus(holdFor);
        return new OncallAction() {
            @Override
            public TargetState apply(TargetState state, ScalingPolicy policy, Instant at) {
                if (!force && (replicas < policy.minReplicas() || replicas > policy.maxReplicas())) {
                    throw new InvalidRequest("replicas", "%d is outside this target's [%d, %d]; send \"force\": true to set it anyway"
                            .formatted(replicas, policy.minReplicas(), policy.maxReplicas()));
                }
                return state.toBuilder().hold(Optional.of(new ManualHold(replicas, until, author, reason))).build();
            }

            @Override
            public EventReason eventReason() {
                return EventReason.ManualScale;
            }

            @Override
            public String eventMessage() {
                return "%s set %d replicas%s, held until %s: %s".formatted(author, replicas, force ? " (forced)" : "",
                        until, reason);
            }
        };
    }

    static OncallAction pause(Pause.Direction direction, Instant until, String author, String reason) {
        return new OncallAction() {
            @Override
            public TargetState apply(TargetState state, ScalingPolicy policy, Instant at) {
                return state.toBuilder().pause(Optional.of(new Pause(direction, until, author, reason))).build();
            }

            @Override
            public EventReason eventReason() {
                return EventReason.Paused;
            }

            @Override
            public String eventMessage() {
                return "%s paused scaling (%s) until %s: %s".formatted(author, direction.label(), until, reason);
            }
        };
    }

    /** Ends a pause set through the API (one set with the annotation stays until the annotation goes). */
    static OncallAction resume(String author) {
        return new OncallAction() {
            private String ended = "no pause was set";

            @Override
            public TargetState apply(TargetState state, ScalingPolicy policy, Instant at) {
                state.pause().ifPresent(p -> ended = "the pause (%s) by %s".formatted(p.direction().label(), p.author()));
                return state.toBuilder().pause(Optional.empty()).build();
            }

            @Override
            public EventReason eventReason() {
                return EventReason.Resumed;
            }

            @Override
            public String eventMessage() {
                return author + " ended " + ended;
            }
        };
    }
}

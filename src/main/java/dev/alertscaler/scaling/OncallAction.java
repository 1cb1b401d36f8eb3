package dev.alertscaler.scaling;

import java.time.Instant;

import dev.alertscaler.policy.ScalingPolicy;
import dev.alertscaler.policy.TargetState;

/**
 * An on-call action (hold at a count, pause, resume) applied to a target's state before the policy
 * decides, inside the same guarded read-decide-write as every other change.
 */
public interface OncallAction {

    /**
     * The state with the action applied.
     *
     * @throws InvalidRequest when the action does not fit the target (e.g. a count outside its bounds)
     */
    TargetState apply(TargetState state, ScalingPolicy policy, Instant now);

    /** The Event recorded once the action is written: {@code ManualScale}, {@code Paused}, {@code Resumed}. */
    EventReason eventReason();

    /** The Event's message: who, why and until when. */
    String eventMessage();

    /** An on-call request that does not fit; the message names the field. */
    class InvalidRequest extends RuntimeException {
        private final String field;

        public InvalidRequest(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}

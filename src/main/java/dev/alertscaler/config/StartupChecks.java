package dev.alertscaler.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.alertscaler.policy.PolicyAnnotations;
import dev.alertscaler.policy.ScalingPolicy;
import io.quarkus.runtime.StartupEvent;

/** Validates the global policy defaults once, at start-up, with the rules annotations obey. */
@ApplicationScoped
public class StartupChecks {

    void validateDefaults(@Observes StartupEvent event, AlertscalerConfig config) {
        ScalingPolicy defaults = config.defaults().toPolicy();
        PolicyAnnotations.validate(defaults, name -> "alertscaler.defaults." + name,
                name -> String.valueOf(switch (name) {
                    case PolicyAnnotations.MIN_REPLICAS -> defaults.minReplicas();
                    case PolicyAnnotations.MAX_REPLICAS -> defaults.maxReplicas();
                    case PolicyAnnotations.SCALE_UP_PODS -> defaults.scaleUpPods();
                    case PolicyAnnotations.SCALE_UP_PERCENT -> defaults.scaleUpPercent();
                    case PolicyAnnotations.SCALE_DOWN_PERCENT -> defaults.scaleDownPercent();
                    case PolicyAnnotations.SCALE_UP_PERIOD -> defaults.scaleUpPeriod();
                    case PolicyAnnotations.SCALE_DOWN_PERIOD -> defaults.scaleDownPeriod();
                    case PolicyAnnotations.STABILIZATION_WINDOW -> defaults.stabilizationWindow();
                    default -> "";
                }));
    }
}

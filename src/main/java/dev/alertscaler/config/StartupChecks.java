package dev.alertscaler.config;

import java.util.Map;

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
        Map<String, String> values = PolicyAnnotations.values(defaults);
        PolicyAnnotations.validate(defaults, name -> "alertscaler.defaults." + name, values::get);
    }
}

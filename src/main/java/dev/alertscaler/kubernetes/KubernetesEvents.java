package dev.alertscaler.kubernetes;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertscaler.scaling.EventReason;
import dev.alertscaler.scaling.EventSink;
import dev.alertscaler.scaling.ObjectRef;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Writes Kubernetes Events, so that {@code kubectl describe} tells what alertscaler did and why.
 * An Event that cannot be written is logged and dropped: it never fails a scale.
 */
@ApplicationScoped
public class KubernetesEvents implements EventSink {

    private static final Logger LOG = Logger.getLogger(KubernetesEvents.class);
    private static final String COMPONENT = "alertscaler";

    private final KubernetesClient client;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public KubernetesEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void record(ObjectRef about, EventReason reason, String message) {
        String now = clock.instant().toString();
        // unique without generateName (which the mock API lacks): time plus a per-process sequence
        String name = "%s.%x%04x".formatted(about.name(), clock.millis(), sequence.incrementAndGet() & 0xffff);
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(about.namespace()).endMetadata()
                .withNewInvolvedObject().withApiVersion(about.apiVersion()).withKind(about.kind())
                .withNamespace(about.namespace()).withName(about.name()).withUid(about.uid()).endInvolvedObject()
                .withType(reason.type() == EventReason.Type.NORMAL ? "Normal" : "Warning")
                .withReason(reason.name())
                .withMessage(message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(about.namespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // bounded by the client's request timeout; what it reports has already happened
            LOG.warnf("could not record event reason=%s on %s/%s: %s", reason, about.namespace(), about.name(),
                    e.getMessage());
        }
    }
}

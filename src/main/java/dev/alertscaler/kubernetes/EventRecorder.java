package dev.alertscaler.kubernetes;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Writes Kubernetes Events on targets, so that {@code kubectl describe} tells what alertscaler did
 * and why. An Event that cannot be written is logged and dropped: it never fails a scale.
 */
@ApplicationScoped
public class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final String COMPONENT = "alertscaler";

    /** Normal or Warning, as Kubernetes Events have it. */
    public enum Type { NORMAL, WARNING }

    private final KubernetesClient client;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Records an Event with the given reason ({@code ScaledUp}, {@code InvalidConfig}, …) on the workload. */
    public void record(Workload target, Type type, String reason, String message) {
        TargetRef ref = target.ref();
        String now = clock.instant().toString();
        // unique without generateName (which the mock API lacks): time plus a per-process sequence
        String name = "%s.%x%04x".formatted(ref.name(), clock.millis(), sequence.incrementAndGet() & 0xffff);
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(ref.namespace()).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion("apps/v1").withKind(ref.kind().apiKind())
                        .withNamespace(ref.namespace()).withName(ref.name())
                        .withUid(target.object().getMetadata().getUid())
                        .build())
                .withType(type == Type.NORMAL ? "Normal" : "Warning")
                .withReason(reason)
                .withMessage(message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(ref.namespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // bounded by the client's request timeout; the scale it reports has already happened
            LOG.warnf("could not record event reason=%s target=%s: %s", reason, ref, e.getMessage());
        }
    }
}

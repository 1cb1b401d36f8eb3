package dev.alertscaler.kubernetes;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
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
        record(new ObjectReferenceBuilder()
                .withApiVersion("apps/v1").withKind(ref.kind().apiKind())
                .withNamespace(ref.namespace()).withName(ref.name())
                .withUid(target.object().getMetadata().getUid())
                .build(), type, reason, message);
    }

    /** Records an Event on any object (the heartbeat ConfigMap, say). */
    public void record(ObjectReference about, Type type, String reason, String message) {
        String now = clock.instant().toString();
        // unique without generateName (which the mock API lacks): time plus a per-process sequence
        String name = "%s.%x%04x".formatted(about.getName(), clock.millis(), sequence.incrementAndGet() & 0xffff);
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(about.getNamespace()).endMetadata()
                .withInvolvedObject(about)
                .withType(type == Type.NORMAL ? "Normal" : "Warning")
                .withReason(reason)
                .withMessage(message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(about.getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // bounded by the client's request timeout; what it reports has already happened
            LOG.warnf("could not record event reason=%s on %s/%s: %s", reason, about.getNamespace(), about.getName(),
                    e.getMessage());
        }
    }
}

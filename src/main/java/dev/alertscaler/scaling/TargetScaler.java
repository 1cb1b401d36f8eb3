package dev.alertscaler.scaling;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.alertscaler.config.AlertscalerConfig;

/**
 * The one door into scaling: for a job, reads the target, lets {@link TargetPlanner} decide,
 * writes replicas and state in one update guarded by {@code resourceVersion}, and reports. On a
 * conflict it reads and plans again, so that two instances (or two concurrent notifications) apply
 * each change once. The webhook, the reconciler and the on-call API all come through here.
 */
@ApplicationScoped
public class TargetScaler {

    private static final Logger LOG = Logger.getLogger(TargetScaler.class);

    /** Reads-and-decides per target before giving up on conflicts (then the caller retries). */
    static final int MAX_ATTEMPTS = 5;

    private final TargetStore store;
    private final ChangeReporter reporter;
    private final Clock clock;
    private final boolean killSwitch;
    private final TargetPlanner planner;
    /**
     * Writes whose answer never came (timeout, lost connection, or a retried write that met itself
     * as a conflict), the last few per target, each with what it would report and the
     * resourceVersion it was guarded by. A later read tells whether one landed: the state is then
     * exactly the one it wrote. Such a write may still be in flight and land after that read, so it
     * is forgotten only once a fresh read shows another resourceVersion, which it can no longer
     * land on, or once a write of ours is answered.
     */
    private final Map<TargetRef, List<Unanswered>> unanswered = new ConcurrentHashMap<>();

    /** More writes than this in flight for one target at once means something else is wrong. */
    private static final int MAX_UNANSWERED = 4;

    private record Unanswered(String state, String guardedBy, List<Report> reports) {
    }

    public TargetScaler(TargetStore store, ChangeReporter reporter, Clock clock, AlertscalerConfig config) {
        this.store = store;
        this.reporter = reporter;
        this.clock = clock;
        this.killSwitch = config.paused();
        this.planner = new TargetPlanner(config.defaults().toPolicy(), config.alertTtl(),
                new TargetSwitches(config.dryRun()));
    }

    public TargetOutcome run(ScaleJob job) {
        TargetOutcome outcome = runOnce(job);
        if (outcome.status() == TargetOutcome.Status.RETRY || outcome.status() == TargetOutcome.Status.FAILED) {
            LOG.warnf("target=%s outcome=%s: %s", job.ref(), outcome.status().label(), outcome.message());
        }
        return outcome;
    }

    private TargetOutcome runOnce(ScaleJob job) {
        if (killSwitch) {
            return TargetOutcome.ignored("alertscaler.paused is on: nothing is scaled or written");
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                return attempt(job, attempt == 1 ? job.known() : null);
            } catch (ApiException e) {
                switch (e.kind()) {
                    case CONFLICT -> LOG.debugf("conflict on %s (attempt %d), deciding again", job.ref(), attempt);
                    case TRANSIENT -> {
                        return TargetOutcome.retry(e.getMessage());
                    }
                    default -> {
                        return new TargetOutcome(TargetOutcome.Status.FAILED, e.getMessage(), null, null);
                    }
                }
            } catch (OutOfTime e) {
                return TargetOutcome.retry("out of time; " + job.ref() + " not done");
            }
        }
        return TargetOutcome.retry(job.ref() + " kept changing under us (" + MAX_ATTEMPTS + " conflicts)");
    }

    /** Read, plan, write, report. */
    private TargetOutcome attempt(ScaleJob job, Workload known) {
        Workload workload = known;
        if (workload == null) {
            checkTime(job.deadline());
            Optional<Workload> found = store.get(job.ref());
            if (found.isEmpty()) {
                return TargetOutcome.notFound(job.ref() + " does not exist");
            }
            workload = found.get();
        }
        confirmUnanswered(workload, known == null || job instanceof ScaleJob.Tick);
        if (!workload.optedIn()) {
            return TargetOutcome.notFound(job.ref() + " is not opted in (label " + Annotations.ENABLED_LABEL + "=\"true\")");
        }
        StateCodec.Decoded stored = StateCodec.decode(workload.annotations().get(Annotations.STATE), job.now());
        Plan plan = planner.plan(job, workload, stored);
        if (plan.write().isPresent()) {
            checkTime(job.deadline());
            String state = StateCodec.encode(plan.write().get().state(), stored.raw());
            try {
                store.update(workload, plan.write().get().replicas(), state);
            } catch (ApiException e) {
                // no answer, or a 409 met by a retry: our write may have landed. A first attempt's
                // 409 is someone else's write, and a 4xx an answer: nothing of ours landed
                if (e.kind() == ApiException.Kind.TRANSIENT || e instanceof ApiException.ConflictAfterRetry) {
                    unanswered.merge(job.ref(), List.of(new Unanswered(state, workload.resourceVersion(), plan.reports())),
                            TargetScaler::lastFew);
                }
                throw e;
            }
            unanswered.remove(job.ref());
        }
        plan.decided().ifPresent(d -> reporter.gauges(job.ref(), d.decision(), d.state(), job.now()));
        for (Report report : plan.reports()) {
            reporter.report(workload, report);
        }
        return plan.outcome();
    }

    /**
     * Reports a write whose answer was lost once a read shows it landed, so that every change made
     * is told once; forgets one once a fresh read shows it cannot land any more (the object has
     * changed since the version it was guarded by). A fresh read of that same version does not
     * say: the write may still be on its way, held by a slow API server or network.
     */
    private void confirmUnanswered(Workload workload, boolean fresh) {
        TargetRef ref = workload.ref();
        List<Unanswered> pending = unanswered.get(ref);
        if (pending == null) {
            return;
        }
        String state = workload.annotations().get(Annotations.STATE);
        Optional<Unanswered> landed = pending.stream().filter(p -> p.state().equals(state)).findFirst();
        if (landed.isPresent()) {
            // the others were guarded by a version that is gone now
            if (unanswered.remove(ref, pending)) {
                LOG.infof("target=%s a write whose answer was lost had been applied; reporting it now", ref);
                landed.get().reports().forEach(r -> reporter.report(workload, r));
            }
        } else if (fresh) {
            List<Unanswered> canLand = pending.stream()
                    .filter(p -> Objects.equals(p.guardedBy(), workload.resourceVersion())).toList();
            if (canLand.isEmpty()) {
                unanswered.remove(ref, pending);
            } else if (canLand.size() < pending.size()) {
                unanswered.replace(ref, pending, canLand);
            }
        }
    }

    private static List<Unanswered> lastFew(List<Unanswered> before, List<Unanswered> added) {
        List<Unanswered> all = new ArrayList<>(before);
        all.addAll(added);
        return List.copyOf(all.subList(Math.max(0, all.size() - MAX_UNANSWERED), all.size()));
    }

    /** Whether the kill switch ({@code alertscaler.paused}) is on: nothing is scaled or written. */
    public boolean killSwitch() {
        return killSwitch;
    }

    private void checkTime(Instant deadline) {
        if (clock.instant().isAfter(deadline)) {
            throw new OutOfTime();
        }
    }

    /** No time left to start another API call. */
    private static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super(null, null, false, false);
        }
    }
}

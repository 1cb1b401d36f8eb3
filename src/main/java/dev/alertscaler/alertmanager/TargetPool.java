package dev.alertscaler.alertmanager;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import dev.alertscaler.scaling.TargetOutcome;
import dev.alertscaler.scaling.TargetRef;

/**
 * Runs the targets of one notification a few at a time, in a random order. A group of a hundred
 * targets, done one after the other, ran past the webhook's deadline (and was answered 503); and an
 * Alertmanager HA pair delivers the same group to two instances at once: in the same order they
 * would meet on every target and resolve each by a conflict, in random orders they rarely meet.
 * The pool is shared by all notifications, so it also bounds the API calls the webhook has in
 * flight ({@code alertscaler.webhook.target-concurrency}, below the client's own request limit).
 */
final class TargetPool implements AutoCloseable {

    private final ExecutorService pool;

    TargetPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("alertscaler.webhook.target-concurrency must be at least 1, was " + threads);
        }
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "alertscaler-target-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The outcome of each target; a single target runs on the caller's thread. */
    <S> Map<TargetRef, TargetOutcome> run(Map<TargetRef, S> jobs, BiFunction<TargetRef, S, TargetOutcome> work) {
        Map<TargetRef, TargetOutcome> outcomes = new HashMap<>();
        if (jobs.size() == 1) {
            jobs.forEach((target, job) -> outcomes.put(target, work.apply(target, job)));
            return outcomes;
        }
        List<TargetRef> order = new ArrayList<>(jobs.keySet());
        Collections.shuffle(order);
        Map<TargetRef, Future<TargetOutcome>> running = new HashMap<>();
        for (TargetRef target : order) {
            running.put(target, pool.submit(() -> work.apply(target, jobs.get(target))));
        }
        try {
            for (TargetRef target : order) {
                outcomes.put(target, running.get(target).get());
            }
        } catch (InterruptedException e) {
            running.values().forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while targets were being scaled", e);
        } catch (ExecutionException e) {
            // TargetScaler.run answers every failure as an outcome; anything else is a bug, thrown
            // as it would have been on the caller's thread
            running.values().forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("scaling a target failed", e.getCause());
        }
        return outcomes;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

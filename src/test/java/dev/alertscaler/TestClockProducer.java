package dev.alertscaler;

import java.time.Clock;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/** Replaces the wall clock in {@code @QuarkusTest}s with one {@link MutableClock} the tests step. */
@ApplicationScoped
public class TestClockProducer {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    MutableClock mutableClock() {
        return CLOCK;
    }
}

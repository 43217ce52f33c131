package io.github.fakeims.server.internal.control;

import io.github.fakeims.server.Fault;
import io.github.fakeims.server.Faults;
import io.github.fakeims.server.ImsEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The pending faults, in the order added; each call consumes the first that matches it. Thread-safe. */
public final class FaultSchedule implements Faults {

    /** A fault as scheduled: counted calls left, or an end by the fake's clock. */
    private static final class Pending {
        final Fault fault;
        int callsLeft;
        final Instant until;

        Pending(Fault fault, Instant now) {
            this.fault = fault;
            this.callsLeft = fault.times();
            this.until = fault.duration().map(duration -> plusSaturated(now, duration)).orElse(null);
        }

        /** A duration past what an Instant can hold means for ever. */
        private static Instant plusSaturated(Instant now, Duration duration) {
            try {
                return now.plus(duration);
            } catch (ArithmeticException | java.time.DateTimeException e) {
                return Instant.MAX;
            }
        }

        boolean expired(Instant now) {
            return until != null ? !now.isBefore(until) : callsLeft <= 0;
        }
    }

    private final Clock clock;
    private final List<Pending> pending = new ArrayList<>();

    /** The fake's clock now (a fault's HTTP-date {@code Retry-After} is counted from it). */
    public Instant now() {
        return clock.instant();
    }

    public FaultSchedule(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void add(Fault fault) {
        pending.add(new Pending(Objects.requireNonNull(fault, "fault"), clock.instant()));
    }

    /** The fault for this call, if one matches; a counted fault is used up by it. */
    public synchronized Optional<Fault> consume(ImsEndpoint endpoint, Optional<String> clientId) {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        for (Iterator<Pending> iterator = pending.iterator(); iterator.hasNext(); ) {
            Pending candidate = iterator.next();
            if (candidate.expired(now)) {
                iterator.remove();
            } else if (candidate.fault.matches(endpoint, clientId)) {
                if (candidate.until == null && --candidate.callsLeft == 0) {
                    iterator.remove();
                }
                return Optional.of(candidate.fault);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<Fault> pending() {
        Instant now = clock.instant();
        pending.removeIf(candidate -> candidate.expired(now));
        return pending.stream()
                .map(candidate -> candidate.until == null ? candidate.fault.times(candidate.callsLeft)
                        : candidate.fault.during(Duration.between(now, candidate.until)))
                .toList();
    }

    @Override
    public synchronized void clear() {
        pending.clear();
    }
}

package io.github.fakeims.server.internal.control;

import io.github.fakeims.server.FakeImsClock;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/** The fake's clock: the configured clock, shifted by an offset or stopped at an instant. Thread-safe. */
public final class SettableClock extends Clock implements FakeImsClock {

    /** One immutable state, swapped atomically, so a reader never sees half an update. */
    private record State(Instant fixedAt, Duration offset) {
        Instant now(Clock configured) {
            return fixedAt != null ? fixedAt : configured.instant().plus(offset);
        }
    }

    private static final State RUNNING = new State(null, Duration.ZERO);

    private final Clock configured;
    private volatile State state = RUNNING;

    public SettableClock(Clock configured) {
        this.configured = Objects.requireNonNull(configured, "configured");
    }

    @Override
    public Instant instant() {
        return state.now(configured);
    }

    @Override
    public Instant now() {
        return instant();
    }

    @Override
    public synchronized void fixAt(Instant instant) {
        state = new State(Objects.requireNonNull(instant, "instant"), Duration.ZERO);
    }

    @Override
    public synchronized void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        State current = state;
        State next;
        try {
            next = current.fixedAt != null ? new State(current.fixedAt.plus(amount), Duration.ZERO)
                    : new State(null, current.offset.plus(amount));
            next.now(configured); // must be a time an Instant can hold, or every later reading would fail
        } catch (ArithmeticException | DateTimeException e) {
            throw new IllegalArgumentException("amount: moving the clock (now " + instant() + ") by " + amount
                    + " leaves the range of time it can represent", e);
        }
        state = next;
    }

    @Override
    public synchronized void reset() {
        state = RUNNING;
    }

    /**
     * How far this clock runs ahead of the system clock, when it runs on it (the default) and is not fixed:
     * what a remote client adds to its own system time to read this clock without asking.
     */
    public Optional<Duration> offsetFromSystemClock() {
        State current = state;
        boolean onSystemClock = configured.getClass() == Clock.systemUTC().getClass();
        return current.fixedAt == null && onSystemClock ? Optional.of(current.offset) : Optional.empty();
    }

    /** Already a {@link Clock}: no wrapper needed. */
    @Override
    public Clock asClock() {
        return this;
    }

    @Override
    public boolean isFixed() {
        return state.fixedAt != null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the fake IMS clock is UTC");
    }

    @Override
    public String toString() {
        return "SettableClock{" + instant() + (isFixed() ? ", fixed" : "") + "}";
    }
}

package io.github.fakeims.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The fake's one clock: JWT {@code exp}/{@code nbf}, certificate validity, access token
 * {@code created_at} and expiry, journal times and timed faults all read it. It runs with the
 * configured clock (the system clock unless set) until a test fixes or moves it.
 */
public interface FakeImsClock {

    /** The fake's current time. */
    Instant now();

    /** Stops time at {@code instant}; it stays there until advanced or reset. */
    void fixAt(Instant instant);

    /** Moves time by {@code amount} (negative moves it back); a running clock keeps running from there. */
    void advance(Duration amount);

    /** Back to the configured clock: no offset, not fixed. */
    void reset();

    /** Whether time stands still (after {@link #fixAt}). */
    boolean isFixed();

    /**
     * Reads the fake's time afresh where it is kept at a distance: a {@link FakeImsAdminClient} reads its
     * clock without a round trip, from what it last heard (see there), and hears again here, e.g. after
     * another process moved the fake's clock. In-process there is nothing to refresh.
     */
    default void refresh() {
    }

    /**
     * This clock as a {@link Clock} in UTC, to hand to the code under test so it and the fake agree on the
     * time (e.g. a token cache deciding when to refresh).
     */
    default Clock asClock() {
        FakeImsClock fake = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return fake.now();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the fake IMS clock is UTC");
            }
        };
    }
}

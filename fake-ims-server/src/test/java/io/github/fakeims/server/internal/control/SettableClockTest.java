package io.github.fakeims.server.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakeims.server.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SettableClock}: the configured clock, fixed, advanced, reset; atomic under concurrent moves. */
class SettableClockTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00.123Z");

    private final TestClock configured = new TestClock(START);
    private final SettableClock clock = new SettableClock(configured);
    private ExecutorService pool;

    @AfterEach
    void stopThreads() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void runsWithTheConfiguredClock() {
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.now()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(clock.isFixed()).isFalse();

        configured.advance(Duration.ofMinutes(3));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(3)));

        configured.set(Instant.parse("2001-02-03T04:05:06Z"));
        assertThat(clock.now()).isEqualTo(Instant.parse("2001-02-03T04:05:06Z"));
    }

    @Test
    void refusesNoConfiguredClock() {
        assertThatThrownBy(() -> new SettableClock(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void fixAtStopsTime() {
        Instant fixed = Instant.parse("2040-06-01T12:00:00Z");
        clock.fixAt(fixed);

        assertThat(clock.isFixed()).isTrue();
        assertThat(clock.instant()).isEqualTo(fixed);
        configured.advance(Duration.ofHours(5));
        assertThat(clock.instant()).isEqualTo(fixed);
        assertThat(clock.now()).isEqualTo(fixed);
    }

    @Test
    void fixAtAgainMovesTheFixedInstant() {
        clock.fixAt(Instant.parse("2040-06-01T12:00:00Z"));
        clock.fixAt(Instant.parse("1999-12-31T23:59:59Z"));

        assertThat(clock.instant()).isEqualTo(Instant.parse("1999-12-31T23:59:59Z"));
    }

    @Test
    void fixAtRefusesNull() {
        assertThatThrownBy(() -> clock.fixAt(null)).isInstanceOf(NullPointerException.class);
        assertThat(clock.isFixed()).isFalse();
    }

    @Test
    void advanceMovesAFixedClockAndKeepsItFixed() {
        Instant fixed = Instant.parse("2040-06-01T12:00:00Z");
        clock.fixAt(fixed);

        clock.advance(Duration.ofSeconds(90));
        assertThat(clock.instant()).isEqualTo(fixed.plusSeconds(90));
        assertThat(clock.isFixed()).isTrue();

        configured.advance(Duration.ofDays(1));
        assertThat(clock.instant()).isEqualTo(fixed.plusSeconds(90));
    }

    @Test
    void advanceShiftsARunningClockWhichKeepsRunning() {
        clock.advance(Duration.ofHours(2));

        assertThat(clock.isFixed()).isFalse();
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(2)));

        configured.advance(Duration.ofSeconds(7));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(2)).plusSeconds(7));

        clock.advance(Duration.ofMillis(5));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(2)).plusSeconds(7).plusMillis(5));
    }

    @Test
    void advanceByANegativeAmountMovesBack() {
        clock.advance(Duration.ofMinutes(-10));
        assertThat(clock.instant()).isEqualTo(START.minus(Duration.ofMinutes(10)));

        clock.advance(Duration.ofMinutes(4));
        assertThat(clock.instant()).isEqualTo(START.minus(Duration.ofMinutes(6)));

        clock.fixAt(START);
        clock.advance(Duration.ofNanos(-1));
        assertThat(clock.instant()).isEqualTo(START.minusNanos(1));
    }

    @Test
    void advanceByZeroChangesNothing() {
        clock.advance(Duration.ZERO);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.isFixed()).isFalse();
    }

    @Test
    void advanceRefusesNull() {
        assertThatThrownBy(() -> clock.advance(null)).isInstanceOf(NullPointerException.class);
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void fixAtForgetsAnEarlierOffsetAndResetForgetsBoth() {
        clock.advance(Duration.ofHours(1));
        clock.fixAt(START.plusSeconds(10));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(10));

        clock.reset();
        assertThat(clock.isFixed()).isFalse();
        assertThat(clock.instant()).isEqualTo(START);
        configured.advance(Duration.ofSeconds(1));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(1));
    }

    @Test
    void resetDropsTheOffsetOfARunningClock() {
        clock.advance(Duration.ofDays(3));
        clock.reset();

        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.isFixed()).isFalse();
    }

    @Test
    void resetOfAnUntouchedClockChangesNothing() {
        clock.reset();
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void isUtcAndHasNoOtherZone() {
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThatThrownBy(() -> clock.withZone(ZoneId.of("Europe/Paris"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringShowsTheTimeAndWhetherFixed() {
        assertThat(clock.toString()).contains(START.toString()).doesNotContain("fixed");
        clock.fixAt(START);
        assertThat(clock.toString()).contains(START.toString()).contains("fixed");
    }

    @Test
    void concurrentAdvancesOfAFixedClockSumExactly() throws Exception {
        clock.fixAt(START);

        advanceConcurrently(16, 500, Duration.ofMillis(3));

        assertThat(clock.instant()).isEqualTo(START.plusMillis(16 * 500 * 3));
        assertThat(clock.isFixed()).isTrue();
    }

    @Test
    void concurrentAdvancesOfARunningClockSumExactly() throws Exception {
        advanceConcurrently(16, 500, Duration.ofNanos(7));

        assertThat(clock.instant()).isEqualTo(START.plusNanos(16 * 500 * 7));
        assertThat(clock.isFixed()).isFalse();
    }

    @Test
    void concurrentForwardAndBackwardAdvancesCancelOut() throws Exception {
        pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> movers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Duration step = t % 2 == 0 ? Duration.ofSeconds(1) : Duration.ofSeconds(-1);
            movers.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 1_000; i++) {
                    clock.advance(step);
                    clock.instant(); // readers never see half an update; this must not throw either
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> mover : movers) {
            mover.get(20, TimeUnit.SECONDS);
        }

        assertThat(clock.instant()).isEqualTo(START);
    }

    private void advanceConcurrently(int threads, int each, Duration step) throws Exception {
        pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> movers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            movers.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    clock.advance(step);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> mover : movers) {
            mover.get(20, TimeUnit.SECONDS);
        }
    }
}

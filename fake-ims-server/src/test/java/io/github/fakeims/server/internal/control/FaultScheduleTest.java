package io.github.fakeims.server.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link FaultSchedule}: order, counts, scoping, timed faults by the clock, pending(), concurrent consumption. */
class FaultScheduleTest {

    private static final Optional<String> NO_CLIENT = Optional.empty();

    private final TestClock clock = TestClock.at("2030-01-01T00:00:00Z");
    private final FaultSchedule schedule = new FaultSchedule(clock);
    private ExecutorService pool;

    @AfterEach
    void stopThreads() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static Optional<String> client(String id) {
        return Optional.of(id);
    }

    @Test
    void nothingPendingMeansNoFault() {
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).isEmpty();
        assertThat(schedule.pending()).isEmpty();
    }

    @Test
    void faultsAreConsumedInTheOrderAdded() {
        Fault first = Fault.status(500);
        Fault second = Fault.status(503);
        Fault third = Fault.dropConnection();
        schedule.add(first);
        schedule.add(second);
        schedule.add(third);

        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(first);
        assertThat(schedule.consume(ImsEndpoint.KEYS, client("x"))).contains(second);
        assertThat(schedule.consume(ImsEndpoint.JWT_EXCHANGE, NO_CLIENT)).contains(third);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).isEmpty();
    }

    @Test
    void aCountedFaultHitsExactlyItsCount() {
        Fault fault = Fault.status(503).times(3);
        schedule.add(fault);

        for (int i = 0; i < 3; i++) {
            assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).as("call %d", i + 1).contains(fault);
        }
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).isEmpty();
        assertThat(schedule.pending()).isEmpty();
    }

    @Test
    void aCountedFaultIsUsedUpBeforeTheNextOne() {
        Fault twice = Fault.status(500).times(2);
        Fault once = Fault.status(502);
        schedule.add(twice);
        schedule.add(once);

        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(twice);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(twice);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(once);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).isEmpty();
    }

    @Test
    void aFaultForAClientHitsOnlyThatClient() {
        Fault fault = Fault.status(503).forClient("client-a").times(2);
        schedule.add(fault);

        assertThat(schedule.consume(ImsEndpoint.TOKEN, client("client-b"))).isEmpty();
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).isEmpty();
        assertThat(schedule.consume(ImsEndpoint.TOKEN, client("client-a"))).contains(fault);
        assertThat(schedule.consume(ImsEndpoint.JWT_EXCHANGE, client("client-a"))).contains(fault);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, client("client-a"))).isEmpty();
    }

    @Test
    void aFaultOnAnEndpointHitsOnlyThatEndpoint() {
        Fault fault = Fault.status(503).on(ImsEndpoint.JWT_EXCHANGE);
        schedule.add(fault);

        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).isEmpty();
        assertThat(schedule.consume(ImsEndpoint.VALIDATE_TOKEN, NO_CLIENT)).isEmpty();
        assertThat(schedule.consume(ImsEndpoint.UNKNOWN, NO_CLIENT)).isEmpty();
        assertThat(schedule.consume(ImsEndpoint.JWT_EXCHANGE, NO_CLIENT)).contains(fault);
        assertThat(schedule.consume(ImsEndpoint.JWT_EXCHANGE, NO_CLIENT)).isEmpty();
    }

    @Test
    void aFaultOnAnyEndpointNeverHitsAnUnknownPath() {
        Fault fault = Fault.status(500);
        schedule.add(fault);

        assertThat(schedule.consume(ImsEndpoint.UNKNOWN, NO_CLIENT)).isEmpty();
        assertThat(schedule.consume(ImsEndpoint.UNKNOWN, client("a"))).isEmpty();
        assertThat(schedule.pending()).containsExactly(fault);
        assertThat(schedule.consume(ImsEndpoint.KEYS, NO_CLIENT)).contains(fault);
    }

    @Test
    void aFaultThatDoesNotMatchDoesNotBlockALaterOneThatDoes() {
        Fault forA = Fault.status(500).on(ImsEndpoint.TOKEN).forClient("client-a");
        Fault onKeys = Fault.dropConnection().on(ImsEndpoint.KEYS);
        Fault forB = Fault.status(503).forClient("client-b");
        schedule.add(forA);
        schedule.add(onKeys);
        schedule.add(forB);

        assertThat(schedule.consume(ImsEndpoint.KEYS, NO_CLIENT)).contains(onKeys);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, client("client-b"))).contains(forB);
        assertThat(schedule.pending()).containsExactly(forA);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, client("client-a"))).contains(forA);
        assertThat(schedule.pending()).isEmpty();
    }

    @Test
    void theFirstMatchingFaultWinsOverALaterOneThatAlsoMatches() {
        Fault general = Fault.status(500);
        Fault specific = Fault.status(503).on(ImsEndpoint.TOKEN).forClient("a");
        schedule.add(general);
        schedule.add(specific);

        assertThat(schedule.consume(ImsEndpoint.TOKEN, client("a"))).contains(general);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, client("a"))).contains(specific);
    }

    // --- timed faults --------------------------------------------------------------------------

    @Test
    void aTimedFaultHitsEveryMatchingCallUntilTheClockPassesItsEnd() {
        Fault fault = Fault.status(503).on(ImsEndpoint.TOKEN).during(Duration.ofSeconds(30));
        schedule.add(fault);

        for (int i = 0; i < 20; i++) {
            assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(fault);
        }
        clock.advance(Duration.ofSeconds(29));
        assertThat(schedule.consume(ImsEndpoint.TOKEN, client("x"))).contains(fault);
        clock.advance(Duration.ofMillis(999));
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(fault);

        clock.advance(Duration.ofSeconds(5));
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).isEmpty();
        assertThat(schedule.pending()).isEmpty();
    }

    @Test
    void aTimedFaultEndsExactlyAtItsEnd() {
        Fault fault = Fault.dropConnection().during(Duration.ofSeconds(10));
        schedule.add(fault);

        clock.advance(Duration.ofSeconds(10).minusNanos(1));
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(fault);
        clock.advance(Duration.ofNanos(1));
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).isEmpty();
    }

    @Test
    void aTimedFaultRunsFromWhenItIsAddedByTheClock() {
        clock.advance(Duration.ofHours(1)); // before adding: does not count
        Fault fault = Fault.status(500).during(Duration.ofMinutes(1));
        schedule.add(fault);

        clock.advance(Duration.ofSeconds(59));
        assertThat(schedule.consume(ImsEndpoint.KEYS, NO_CLIENT)).contains(fault);
    }

    @Test
    void anExpiredTimedFaultLetsTheNextOneThrough() {
        Fault timed = Fault.status(503).during(Duration.ofSeconds(5));
        Fault counted = Fault.status(500);
        schedule.add(timed);
        schedule.add(counted);

        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(timed);
        clock.advance(Duration.ofSeconds(6));
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(counted);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).isEmpty();
    }

    @Test
    void aTimedFaultForOneClientLeavesOthersAlone() {
        Fault fault = Fault.status(503).forClient("a").during(Duration.ofMinutes(1));
        schedule.add(fault);

        assertThat(schedule.consume(ImsEndpoint.TOKEN, client("b"))).isEmpty();
        assertThat(schedule.consume(ImsEndpoint.TOKEN, client("a"))).contains(fault);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, client("a"))).contains(fault);
    }

    @Test
    void aTimedFaultLongerThanTheClockCanReachIsAcceptedAndStaysActive() {
        // Fault accepts any positive duration, e.g. "for ever"; the schedule must not fail on it.
        Fault forever = Fault.status(503).on(ImsEndpoint.TOKEN).during(Duration.ofSeconds(Long.MAX_VALUE));

        assertThatCode(() -> schedule.add(forever)).doesNotThrowAnyException();

        clock.advance(Duration.ofDays(365L * 1_000));
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(forever);
        assertThat(schedule.pending()).hasSize(1);
    }

    // --- pending -------------------------------------------------------------------------------

    @Test
    void pendingShowsTheCallsLeft() {
        Fault fault = Fault.status(503).on(ImsEndpoint.TOKEN).forClient("a").times(5);
        schedule.add(fault);
        schedule.add(Fault.dropConnection());

        schedule.consume(ImsEndpoint.TOKEN, client("a"));
        schedule.consume(ImsEndpoint.TOKEN, client("a"));

        assertThat(schedule.pending()).containsExactly(Fault.status(503).on(ImsEndpoint.TOKEN).forClient("a").times(3),
                Fault.dropConnection());
        assertThat(schedule.pending().get(0).times()).isEqualTo(3);
    }

    @Test
    void pendingShowsTheTimeLeftByTheClock() {
        Fault fault = Fault.delay(Duration.ofMillis(5)).on(ImsEndpoint.KEYS).during(Duration.ofMinutes(1));
        schedule.add(fault);

        assertThat(schedule.pending()).containsExactly(fault);
        clock.advance(Duration.ofSeconds(20));
        assertThat(schedule.pending()).containsExactly(Fault.delay(Duration.ofMillis(5)).on(ImsEndpoint.KEYS)
                .during(Duration.ofSeconds(40)));
        assertThat(schedule.pending().get(0).duration()).contains(Duration.ofSeconds(40));
        clock.advance(Duration.ofSeconds(40));
        assertThat(schedule.pending()).isEmpty();
    }

    @Test
    void pendingDoesNotConsume() {
        Fault fault = Fault.status(500).times(2);
        schedule.add(fault);

        for (int i = 0; i < 5; i++) {
            assertThat(schedule.pending()).containsExactly(fault);
        }
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(fault);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(fault);
    }

    @Test
    void pendingKeepsTheOrderAdded() {
        List<Fault> added = List.of(Fault.status(500).times(2), Fault.dropConnection().on(ImsEndpoint.KEYS),
                Fault.malformedBody(Fault.Malformation.EMPTY_BODY).during(Duration.ofSeconds(3)), Fault.status(503).forClient("z"));
        added.forEach(schedule::add);

        assertThat(schedule.pending()).containsExactlyElementsOf(added);
    }

    @Test
    void theSameFaultAddedTwiceCountsTwice() {
        Fault fault = Fault.status(500);
        schedule.add(fault);
        schedule.add(fault);

        assertThat(schedule.pending()).containsExactly(fault, fault);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(fault);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).contains(fault);
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).isEmpty();
    }

    @Test
    void clearRemovesEverything() {
        schedule.add(Fault.status(500).times(10));
        schedule.add(Fault.status(503).during(Duration.ofHours(1)));

        schedule.clear();

        assertThat(schedule.pending()).isEmpty();
        assertThat(schedule.consume(ImsEndpoint.TOKEN, NO_CLIENT)).isEmpty();
    }

    @Test
    void addRefusesNull() {
        assertThatThrownBy(() -> schedule.add(null)).isInstanceOf(NullPointerException.class);
        assertThat(schedule.pending()).isEmpty();
    }

    // --- concurrency ---------------------------------------------------------------------------

    @Test
    void manyThreadsConsumeACountedFaultExactlyItsCountInTotal() throws Exception {
        int threads = 16;
        int callsEach = 200;
        int count = 1_000;
        Fault fault = Fault.status(503).on(ImsEndpoint.TOKEN).times(count);
        Fault other = Fault.status(500).on(ImsEndpoint.KEYS).times(count);
        schedule.add(fault);
        schedule.add(other);
        pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);

        List<Future<int[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                go.await();
                int[] hits = new int[2];
                for (int i = 0; i < callsEach; i++) {
                    Optional<Fault> token = schedule.consume(ImsEndpoint.TOKEN, client("c" + thread));
                    if (token.isPresent()) {
                        assertThat(token.get()).isEqualTo(fault);
                        hits[0]++;
                    }
                    if (i % 2 == 0 && schedule.consume(ImsEndpoint.KEYS, NO_CLIENT).isPresent()) {
                        hits[1]++;
                    }
                }
                return hits;
            }));
        }
        go.countDown();
        int tokenHits = 0;
        int keysHits = 0;
        for (Future<int[]> result : results) {
            int[] hits = result.get(20, TimeUnit.SECONDS);
            tokenHits += hits[0];
            keysHits += hits[1];
        }

        assertThat(tokenHits).isEqualTo(count); // 3200 TOKEN calls, 1000 hits
        assertThat(keysHits).isEqualTo(count); // 1600 KEYS calls, 1000 hits
        assertThat(schedule.pending()).isEmpty();
    }
}

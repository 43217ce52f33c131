package io.github.fakeims.server.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link JournalStore}: the bound, the dropped count, filters, {@code takeNext} and its concurrency, clear. */
class JournalStoreTest {

    private static final Instant TIME = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration GENEROUS = Duration.ofSeconds(10);

    private ExecutorService pool;

    @AfterEach
    void stopThreads() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** A TOKEN success for {@code client}. */
    private static JournalEntry success(long sequence, String client) {
        return entry(sequence, ImsEndpoint.TOKEN, client, 200, null);
    }

    private static JournalEntry entry(long sequence, ImsEndpoint endpoint, String client, int status, String error) {
        return new JournalEntry(sequence, TIME.plusSeconds(sequence), "POST", endpoint == ImsEndpoint.UNKNOWN ? "/nope"
                : endpoint.paths().get(0), endpoint, Optional.ofNullable(client), Map.of(), Optional.empty(), Optional.empty(),
                status, status == 200 ? Optional.of("token-" + sequence) : Optional.empty(), Optional.ofNullable(error),
                Optional.ofNullable(error).map(code -> code + " description"), Optional.ofNullable(error).map(code -> code + " reason"),
                Optional.empty(), "debug-" + sequence);
    }

    private static List<Long> sequences(List<JournalEntry> entries) {
        return entries.stream().map(JournalEntry::sequence).toList();
    }

    private static List<Long> range(long firstInclusive, long lastInclusive) {
        return LongStream.rangeClosed(firstInclusive, lastInclusive).boxed().toList();
    }

    // --- bound and dropped count ---------------------------------------------------------------

    @Test
    void recordGivesSequenceNumbersFromOne() {
        JournalStore store = new JournalStore(10);

        JournalEntry first = store.record(sequence -> success(sequence, "a"));
        JournalEntry second = store.record(sequence -> success(sequence, "a"));

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(store.entries()).containsExactly(first, second);
        assertThat(store.droppedCount()).isZero();
        assertThat(store.capacity()).isEqualTo(10);
    }

    @Test
    void aFullStoreDropsTheOldestAndCountsThem() {
        JournalStore store = new JournalStore(5);

        for (int i = 0; i < 5; i++) {
            store.record(sequence -> success(sequence, "a"));
        }
        assertThat(sequences(store.entries())).isEqualTo(range(1, 5));
        assertThat(store.droppedCount()).isZero();

        for (int i = 0; i < 8; i++) {
            store.record(sequence -> success(sequence, "a"));
        }
        assertThat(sequences(store.entries())).isEqualTo(range(9, 13));
        assertThat(store.droppedCount()).isEqualTo(8);
    }

    @Test
    void capacityOneKeepsOnlyTheNewest() {
        JournalStore store = new JournalStore(1);
        for (int i = 0; i < 4; i++) {
            store.record(sequence -> success(sequence, "a"));
        }

        assertThat(sequences(store.entries())).containsExactly(4L);
        assertThat(store.droppedCount()).isEqualTo(3);
    }

    @Test
    void capacityZeroKeepsNothingButCountsEveryEntryAsDropped() {
        JournalStore store = new JournalStore(0);

        JournalEntry returned = null;
        for (int i = 0; i < 7; i++) {
            returned = store.record(sequence -> success(sequence, "a"));
        }

        assertThat(returned.sequence()).isEqualTo(7);
        assertThat(store.entries()).isEmpty();
        assertThat(store.entries(JournalFilter.all().succeeded())).isEmpty();
        assertThat(store.droppedCount()).isEqualTo(7);
        assertThat(store.takeNext(JournalFilter.all(), Duration.ZERO)).isEmpty();
    }

    @Test
    void entriesIsASnapshot() {
        JournalStore store = new JournalStore(10);
        store.record(sequence -> success(sequence, "a"));

        List<JournalEntry> snapshot = store.entries();
        store.record(sequence -> success(sequence, "a"));

        assertThat(snapshot).hasSize(1);
        assertThat(store.entries()).hasSize(2);
    }

    // --- filters -------------------------------------------------------------------------------

    @Test
    void filtersSelectByEndpointClientOutcomeErrorAndSequence() {
        JournalStore store = new JournalStore(100);
        store.record(sequence -> entry(sequence, ImsEndpoint.TOKEN, "a", 200, null));                     // 1
        store.record(sequence -> entry(sequence, ImsEndpoint.TOKEN, "b", 400, "invalid_client"));         // 2
        store.record(sequence -> entry(sequence, ImsEndpoint.JWT_EXCHANGE, "a", 400, "invalid_token"));   // 3
        store.record(sequence -> entry(sequence, ImsEndpoint.UNKNOWN, null, 404, "not_found"));           // 4
        store.record(sequence -> entry(sequence, ImsEndpoint.VALIDATE_TOKEN, "a", 200, null));            // 5
        store.record(sequence -> entry(sequence, ImsEndpoint.TOKEN, "a", 0, null));                       // 6: dropped connection
        store.record(sequence -> entry(sequence, ImsEndpoint.TOKEN, "a", 503, "temporarily_unavailable")); // 7

        assertThat(sequences(store.entries(JournalFilter.all()))).isEqualTo(range(1, 7));
        assertThat(sequences(store.entries(JournalFilter.of(ImsEndpoint.TOKEN)))).containsExactly(1L, 2L, 6L, 7L);
        assertThat(sequences(store.entries(JournalFilter.of(ImsEndpoint.UNKNOWN)))).containsExactly(4L);
        assertThat(sequences(store.entries(JournalFilter.all().clientId("a")))).containsExactly(1L, 3L, 5L, 6L, 7L);
        assertThat(sequences(store.entries(JournalFilter.all().clientId("nobody")))).isEmpty();
        assertThat(sequences(store.entries(JournalFilter.all().succeeded()))).containsExactly(1L, 5L);
        assertThat(sequences(store.entries(JournalFilter.all().failed()))).containsExactly(2L, 3L, 4L, 6L, 7L);
        assertThat(sequences(store.entries(JournalFilter.all().error("invalid_client")))).containsExactly(2L);
        assertThat(sequences(store.entries(JournalFilter.all().afterSequence(5)))).containsExactly(6L, 7L);
        assertThat(sequences(store.entries(JournalFilter.of(ImsEndpoint.TOKEN).clientId("a").failed())))
                .containsExactly(6L, 7L);
        assertThat(sequences(store.entries(JournalFilter.of(ImsEndpoint.TOKEN).clientId("a").failed().afterSequence(6))))
                .containsExactly(7L);
        assertThat(sequences(store.entries(JournalFilter.all().outcome(JournalFilter.Outcome.ANY)))).isEqualTo(range(1, 7));
    }

    @Test
    void filtersSeeOnlyWhatIsStillHeld() {
        JournalStore store = new JournalStore(2);
        store.record(sequence -> entry(sequence, ImsEndpoint.KEYS, null, 200, null));
        store.record(sequence -> success(sequence, "a"));
        store.record(sequence -> success(sequence, "a"));

        assertThat(store.entries(JournalFilter.of(ImsEndpoint.KEYS))).isEmpty();
        assertThat(store.takeNext(JournalFilter.of(ImsEndpoint.KEYS), Duration.ZERO)).isEmpty();
    }

    // --- takeNext ------------------------------------------------------------------------------

    @Test
    void takeNextReturnsTheOldestUntakenEntryAtOnceAndEachOnlyOnce() {
        JournalStore store = new JournalStore(10);
        for (int i = 0; i < 3; i++) {
            store.record(sequence -> success(sequence, "a"));
        }

        assertThat(store.takeNext(JournalFilter.all(), Duration.ZERO).map(JournalEntry::sequence)).contains(1L);
        assertThat(store.takeNext(JournalFilter.all(), Duration.ZERO).map(JournalEntry::sequence)).contains(2L);
        assertThat(store.takeNext(JournalFilter.all(), Duration.ofMillis(-5)).map(JournalEntry::sequence)).contains(3L);
        assertThat(store.takeNext(JournalFilter.all(), Duration.ZERO)).isEmpty();
        // Taking does not remove: the entries are all still listed.
        assertThat(sequences(store.entries())).isEqualTo(range(1, 3));
    }

    @Test
    void takeNextWithAFilterSkipsOthersAndLeavesThemUntaken() {
        JournalStore store = new JournalStore(10);
        store.record(sequence -> success(sequence, "a"));
        store.record(sequence -> success(sequence, "b"));
        store.record(sequence -> success(sequence, "a"));

        assertThat(store.takeNext(JournalFilter.all().clientId("b"), Duration.ZERO).map(JournalEntry::sequence)).contains(2L);
        assertThat(store.takeNext(JournalFilter.all().clientId("b"), Duration.ZERO)).isEmpty();
        assertThat(store.takeNext(JournalFilter.all(), Duration.ZERO).map(JournalEntry::sequence)).contains(1L);
        assertThat(store.takeNext(JournalFilter.all(), Duration.ZERO).map(JournalEntry::sequence)).contains(3L);
    }

    @Test
    void takeNextWaitsForAnEntryRecordedLater() throws Exception {
        JournalStore store = new JournalStore(10);
        pool = Executors.newFixedThreadPool(1);
        CountDownLatch waiting = new CountDownLatch(1);

        Future<Optional<JournalEntry>> taker = pool.submit(() -> {
            waiting.countDown();
            return store.takeNext(JournalFilter.all().clientId("late"), GENEROUS);
        });
        waiting.await();
        Thread.sleep(50); // most likely waiting by now; either way it must get the entry
        store.record(sequence -> success(sequence, "early-but-not-wanted"));
        JournalEntry late = store.record(sequence -> success(sequence, "late"));

        assertThat(taker.get(GENEROUS.toSeconds() + 5, TimeUnit.SECONDS)).contains(late);
    }

    @Test
    void takeNextWithAnEndlessTimeoutStillGetsALaterEntry() throws Exception {
        JournalStore store = new JournalStore(10);
        pool = Executors.newFixedThreadPool(1);

        Future<Optional<JournalEntry>> taker = pool.submit(() -> store.takeNext(JournalFilter.all(), ChronoUnit.FOREVER.getDuration()));
        Thread.sleep(20);
        JournalEntry entry = store.record(sequence -> success(sequence, "a"));

        assertThat(taker.get(10, TimeUnit.SECONDS)).contains(entry);
    }

    @Test
    void takeNextReturnsEmptyWhenNothingArrivesInTime() {
        JournalStore store = new JournalStore(10);
        store.record(sequence -> success(sequence, "someone-else"));

        assertThat(store.takeNext(JournalFilter.all().clientId("nobody"), Duration.ofMillis(30))).isEmpty();
        assertThat(store.takeNext(JournalFilter.all().clientId("nobody"), Duration.ZERO)).isEmpty();
    }

    @Test
    void concurrentTakersTakeEachEntryExactlyOnce() throws Exception {
        int takers = 16;
        JournalStore store = new JournalStore(1_000);
        pool = Executors.newFixedThreadPool(takers + 1);
        CountDownLatch go = new CountDownLatch(1);

        // Half the entries exist before the takers start, half arrive while they wait.
        for (int i = 0; i < takers / 2; i++) {
            store.record(sequence -> success(sequence, "a"));
        }
        List<Future<Optional<JournalEntry>>> taken = new ArrayList<>();
        for (int t = 0; t < takers; t++) {
            taken.add(pool.submit(() -> {
                go.await();
                return store.takeNext(JournalFilter.all(), GENEROUS);
            }));
        }
        go.countDown();
        Future<?> recorder = pool.submit(() -> {
            for (int i = 0; i < takers / 2; i++) {
                store.record(sequence -> success(sequence, "a"));
                Thread.yield();
            }
        });
        recorder.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

        List<Long> takenSequences = new ArrayList<>();
        for (Future<Optional<JournalEntry>> taker : taken) {
            Optional<JournalEntry> entry = taker.get(GENEROUS.toSeconds() + 5, TimeUnit.SECONDS);
            assertThat(entry).as("every taker gets an entry: there is one for each").isPresent();
            takenSequences.add(entry.get().sequence());
        }
        assertThat(takenSequences).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(range(1, takers));
        assertThat(store.takeNext(JournalFilter.all(), Duration.ZERO)).isEmpty();
    }

    @Test
    void manyTakersAndManyEntriesEachEntryTakenOnce() throws Exception {
        int takers = 8;
        int entries = 2_000;
        JournalStore store = new JournalStore(entries);
        pool = Executors.newFixedThreadPool(takers + 1);
        AtomicBoolean recordingDone = new AtomicBoolean();
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < takers; t++) {
            results.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                while (true) {
                    boolean allRecorded = recordingDone.get(); // read first: then "none left" is final
                    Optional<JournalEntry> next = store.takeNext(JournalFilter.all(), Duration.ofMillis(50));
                    if (next.isPresent()) {
                        mine.add(next.get().sequence());
                    } else if (allRecorded || Thread.currentThread().isInterrupted()) {
                        return mine;
                    }
                }
            }));
        }
        for (int i = 0; i < entries; i++) {
            store.record(sequence -> success(sequence, "a"));
        }
        recordingDone.set(true);

        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> result : results) {
            all.addAll(result.get(20, TimeUnit.SECONDS));
        }
        assertThat(all).hasSize(entries).doesNotHaveDuplicates();
        assertThat(new HashSet<>(all)).isEqualTo(Set.copyOf(range(1, entries)));
    }

    @Test
    void anInterruptedTakerReturnsEmptyWithItsInterruptFlagSet() throws Exception {
        JournalStore store = new JournalStore(10);
        pool = Executors.newFixedThreadPool(1);
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Thread> takerThread = new AtomicReference<>();

        Future<Object[]> taker = pool.submit(() -> {
            takerThread.set(Thread.currentThread());
            waiting.countDown();
            Optional<JournalEntry> result = store.takeNext(JournalFilter.all(), GENEROUS);
            return new Object[] {result, Thread.currentThread().isInterrupted()};
        });
        waiting.await();
        Thread.sleep(50);
        takerThread.get().interrupt();

        Object[] outcome = taker.get(5, TimeUnit.SECONDS);
        assertThat(outcome[0]).isEqualTo(Optional.empty());
        assertThat(outcome[1]).isEqualTo(true);
    }

    @Test
    void aTakerInterruptedBeforeItWaitsReturnsEmptyAtOnceWithTheFlagStillSet() {
        JournalStore store = new JournalStore(10);
        try {
            Thread.currentThread().interrupt();
            long started = System.nanoTime();
            Optional<JournalEntry> result = store.takeNext(JournalFilter.all(), GENEROUS);
            boolean stillInterrupted = Thread.currentThread().isInterrupted();

            assertThat(result).isEmpty();
            assertThat(stillInterrupted).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("did not wait out the timeout").isLessThan(GENEROUS);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anInterruptedTakerStillGetsAnEntryThatIsAlreadyThere() {
        JournalStore store = new JournalStore(10);
        JournalEntry entry = store.record(sequence -> success(sequence, "a"));
        try {
            Thread.currentThread().interrupt();
            assertThat(store.takeNext(JournalFilter.all(), GENEROUS)).contains(entry);
        } finally {
            Thread.interrupted();
        }
    }

    // --- clear ---------------------------------------------------------------------------------

    @Test
    void clearForgetsEntriesAndTheDroppedCountButSequencesGoOn() {
        JournalStore store = new JournalStore(3);
        for (int i = 0; i < 5; i++) {
            store.record(sequence -> success(sequence, "a"));
        }
        assertThat(store.droppedCount()).isEqualTo(2);

        store.clear();

        assertThat(store.entries()).isEmpty();
        assertThat(store.droppedCount()).isZero();
        assertThat(store.takeNext(JournalFilter.all(), Duration.ZERO)).isEmpty();

        JournalEntry next = store.record(sequence -> success(sequence, "a"));
        assertThat(next.sequence()).isEqualTo(6);
        assertThat(store.entries()).containsExactly(next);
        assertThat(store.takeNext(JournalFilter.all(), Duration.ZERO)).contains(next);

        store.clear();
        store.clear();
        assertThat(store.record(sequence -> success(sequence, "a")).sequence()).isEqualTo(7);
    }

    @Test
    void concurrentRecordsGetUniqueConsecutiveSequencesAndKeepTheBound() throws Exception {
        int threads = 8;
        int each = 500;
        JournalStore store = new JournalStore(300);
        pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> recorders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            recorders.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    store.record(sequence -> success(sequence, "a"));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> recorder : recorders) {
            recorder.get(20, TimeUnit.SECONDS);
        }

        assertThat(sequences(store.entries())).isEqualTo(range(threads * each - 299, threads * each));
        assertThat(store.droppedCount()).isEqualTo(threads * each - 300);
    }
}

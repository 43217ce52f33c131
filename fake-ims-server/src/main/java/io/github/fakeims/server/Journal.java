package io.github.fakeims.server;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every IMS request the fake received, oldest first, bounded by {@link FakeImsConfig#journalSize()}
 * (the oldest entries are dropped, and counted). Requests to the fake's own {@code /fake-ims/} routes
 * are not recorded. Thread-safe.
 */
public interface Journal {

    /** All entries held, oldest first. */
    List<JournalEntry> entries();

    /** The entries that match, oldest first. */
    List<JournalEntry> entries(JournalFilter filter);

    /**
     * The oldest matching entry not taken before, waiting up to {@code timeout} for one to arrive; each
     * entry is taken at most once (like MockWebServer's {@code takeRequest}). Empty when none arrived.
     */
    Optional<JournalEntry> takeNext(JournalFilter filter, Duration timeout);

    /** How many entries were dropped to keep within the bound since start or the last reset. */
    long droppedCount();

    /** Forgets all entries and the dropped count; sequence numbers go on. */
    void clear();
}

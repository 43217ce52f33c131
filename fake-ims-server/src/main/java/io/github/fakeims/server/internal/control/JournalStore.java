package io.github.fakeims.server.internal.control;

import io.github.fakeims.server.Journal;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * The bounded journal: a deque under one lock (appending takes well under a microsecond, so requests
 * never queue on it noticeably), and a condition that wakes {@link #takeNext} waiters.
 */
public final class JournalStore implements Journal {

    private static final class Slot {
        final JournalEntry entry;
        final long bytes;
        boolean taken;

        Slot(JournalEntry entry, long bytes) {
            this.entry = entry;
            this.bytes = bytes;
        }
    }

    private final int capacity;
    private final long budgetBytes;
    private long retainedBytes;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final AtomicLong sequence = new AtomicLong();
    private long dropped;

    /** A journal of at most {@code capacity} entries and {@link RetainedBytes#JOURNAL_BUDGET_BYTES}. */
    public JournalStore(int capacity) {
        this(capacity, RetainedBytes.JOURNAL_BUDGET_BYTES);
    }

    public JournalStore(int capacity, long budgetBytes) {
        this.capacity = capacity;
        this.budgetBytes = budgetBytes;
    }

    /**
     * Records one entry, made from the sequence number it gets; the oldest are dropped (and counted) when
     * the journal is full, in entries or in bytes.
     */
    public JournalEntry record(LongFunction<JournalEntry> entryForSequence) {
        lock.lock();
        try {
            JournalEntry entry = entryForSequence.apply(sequence.incrementAndGet());
            if (capacity == 0) {
                dropped++;
                return entry;
            }
            long bytes = RetainedBytes.of(entry);
            while (!slots.isEmpty() && (slots.size() == capacity || retainedBytes + bytes > budgetBytes)) {
                retainedBytes -= slots.removeFirst().bytes;
                dropped++;
            }
            retainedBytes += bytes;
            slots.addLast(new Slot(entry, bytes));
            appended.signalAll();
            return entry;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<JournalEntry> entries() {
        return entries(JournalFilter.all());
    }

    @Override
    public List<JournalEntry> entries(JournalFilter filter) {
        lock.lock();
        try {
            List<JournalEntry> matching = new ArrayList<>();
            for (Slot slot : slots) {
                if (filter.matches(slot.entry)) {
                    matching.add(slot.entry);
                }
            }
            return List.copyOf(matching);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<JournalEntry> takeNext(JournalFilter filter, Duration timeout) {
        long remaining = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        lock.lock();
        try {
            while (true) {
                for (Iterator<Slot> slot = slots.iterator(); slot.hasNext(); ) {
                    Slot candidate = slot.next();
                    if (!candidate.taken && filter.matches(candidate.entry)) {
                        candidate.taken = true;
                        return Optional.of(candidate.entry);
                    }
                }
                if (remaining <= 0) {
                    return Optional.empty();
                }
                remaining = appended.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long droppedCount() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            slots.clear();
            retainedBytes = 0;
            dropped = 0;
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }

    /** The estimated heap bytes the entries retain now ({@link RetainedBytes#of}). */
    public long retainedBytes() {
        lock.lock();
        try {
            return retainedBytes;
        } finally {
            lock.unlock();
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}

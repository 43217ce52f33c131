package io.github.fakeims.junit;

import io.github.fakeims.server.JournalEntry;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a selection of journal entries; failures list the entries with the fake's reasons. */
public final class JournalEntriesAssert extends AbstractAssert<JournalEntriesAssert, List<JournalEntry>> {

    private final String description;

    JournalEntriesAssert(List<JournalEntry> entries, String description) {
        super(List.copyOf(entries), JournalEntriesAssert.class);
        this.description = description;
    }

    /** Only those whose {@code client_id} is this. */
    public JournalEntriesAssert forClient(String clientId) {
        return narrow(entry -> entry.clientId().filter(clientId::equals).isPresent(), " of client_id " + clientId);
    }

    /** Only those answered with a 2xx. */
    public JournalEntriesAssert succeeded() {
        return narrow(JournalEntry::succeeded, " that succeeded");
    }

    /** Only those answered with an error (or a dropped connection). */
    public JournalEntriesAssert failed() {
        return narrow(entry -> !entry.succeeded(), " that failed");
    }

    /** Only those answered with this IMS error code. */
    public JournalEntriesAssert withError(String error) {
        return narrow(entry -> entry.error().filter(error::equals).isPresent(), " with error " + error);
    }

    public JournalEntriesAssert hasSize(int expected) {
        if (actual.size() != expected) {
            failWithMessage("Expecting %d %s but the fake received %d:%n%s", expected, description, actual.size(), list());
        }
        return this;
    }

    public JournalEntriesAssert isEmpty() {
        return hasSize(0);
    }

    public JournalEntriesAssert isNotEmpty() {
        if (actual.isEmpty()) {
            failWithMessage("Expecting some %s but the fake received none", description);
        }
        return this;
    }

    /** Every selected entry was answered with a 2xx. */
    public JournalEntriesAssert allSucceeded() {
        List<JournalEntry> failures = actual.stream().filter(entry -> !entry.succeeded()).toList();
        if (!failures.isEmpty()) {
            failWithMessage("Expecting every one of the %s to succeed but these failed:%n%s", description, list(failures));
        }
        return this;
    }

    /** The one entry selected. */
    public JournalEntryAssert singleElement() {
        hasSize(1);
        return new JournalEntryAssert(actual.get(0));
    }

    /** The oldest entry selected. */
    public JournalEntryAssert first() {
        isNotEmpty();
        return new JournalEntryAssert(actual.get(0));
    }

    /** The newest entry selected. */
    public JournalEntryAssert last() {
        isNotEmpty();
        return new JournalEntryAssert(actual.get(actual.size() - 1));
    }

    private JournalEntriesAssert narrow(Predicate<JournalEntry> condition, String more) {
        isNotNull();
        return new JournalEntriesAssert(actual.stream().filter(condition).toList(), description + more);
    }

    private String list() {
        return list(actual);
    }

    private static String list(List<JournalEntry> entries) {
        return entries.isEmpty() ? "  (none)" : entries.stream().map(entry -> "  " + entry).collect(Collectors.joining(System.lineSeparator()));
    }
}

package io.github.fakeims.junit;

import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.Journal;
import io.github.fakeims.server.JournalFilter;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what the fake IMS received: pick the requests, then assert on them.
 * {@code assertThat(ims.journal()).exchanges().forClient(id).singleElement().succeeded()}.
 */
public final class JournalAssert extends AbstractAssert<JournalAssert, Journal> {

    JournalAssert(Journal journal) {
        super(journal, JournalAssert.class);
    }

    /** Every IMS request received, oldest first. */
    public JournalEntriesAssert requests() {
        return select(JournalFilter.all(), "requests");
    }

    /** The {@code /ims/exchange/jwt} requests (Service Account JWT exchanges). */
    public JournalEntriesAssert exchanges() {
        return select(JournalFilter.of(ImsEndpoint.JWT_EXCHANGE), "JWT exchanges");
    }

    /** The {@code /ims/token/v…} requests (OAuth Server-to-Server). */
    public JournalEntriesAssert tokenRequests() {
        return select(JournalFilter.of(ImsEndpoint.TOKEN), "token requests");
    }

    /** The requests to one endpoint. */
    public JournalEntriesAssert requestsTo(ImsEndpoint endpoint) {
        return select(JournalFilter.of(endpoint), "requests to " + endpoint);
    }

    private JournalEntriesAssert select(JournalFilter filter, String description) {
        isNotNull();
        return new JournalEntriesAssert(actual.entries(filter), description);
    }
}

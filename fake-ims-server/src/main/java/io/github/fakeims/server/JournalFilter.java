package io.github.fakeims.server;

import java.util.Objects;
import java.util.Optional;

/**
 * Which journal entries to select; every condition set must hold. Immutable: each method returns a
 * narrower filter. {@code JournalFilter.all().endpoint(ImsEndpoint.TOKEN).clientId(id).rejected()}.
 */
public final class JournalFilter {

    /** Selects by outcome. */
    public enum Outcome { ANY, SUCCEEDED, FAILED }

    private static final JournalFilter ALL = new JournalFilter(Optional.empty(), Optional.empty(), Outcome.ANY, Optional.empty(), 0);

    private final Optional<ImsEndpoint> endpoint;
    private final Optional<String> clientId;
    private final Outcome outcome;
    private final Optional<String> error;
    private final long afterSequence;

    private JournalFilter(Optional<ImsEndpoint> endpoint, Optional<String> clientId, Outcome outcome, Optional<String> error,
                          long afterSequence) {
        this.endpoint = endpoint;
        this.clientId = clientId;
        this.outcome = outcome;
        this.error = error;
        this.afterSequence = afterSequence;
    }

    /** Every entry. */
    public static JournalFilter all() {
        return ALL;
    }

    /** Entries of one endpoint. */
    public static JournalFilter of(ImsEndpoint endpoint) {
        return ALL.endpoint(endpoint);
    }

    public JournalFilter endpoint(ImsEndpoint endpoint) {
        return new JournalFilter(Optional.of(endpoint), clientId, outcome, error, afterSequence);
    }

    public JournalFilter clientId(String clientId) {
        return new JournalFilter(endpoint, Optional.of(clientId), outcome, error, afterSequence);
    }

    public JournalFilter outcome(Outcome outcome) {
        return new JournalFilter(endpoint, clientId, Objects.requireNonNull(outcome, "outcome"), error, afterSequence);
    }

    /** Only entries answered with a 2xx status. */
    public JournalFilter succeeded() {
        return outcome(Outcome.SUCCEEDED);
    }

    /** Only entries answered with an error status (or a dropped connection). */
    public JournalFilter failed() {
        return outcome(Outcome.FAILED);
    }

    /** Only entries answered with this IMS error code, e.g. {@code invalid_token}. */
    public JournalFilter error(String errorCode) {
        return new JournalFilter(endpoint, clientId, outcome, Optional.of(errorCode), afterSequence);
    }

    /** Only entries recorded after the one with this sequence number. */
    public JournalFilter afterSequence(long sequence) {
        return new JournalFilter(endpoint, clientId, outcome, error, sequence);
    }

    public Optional<ImsEndpoint> endpoint() { return endpoint; }

    public Optional<String> clientId() { return clientId; }

    public Outcome outcome() { return outcome; }

    public Optional<String> error() { return error; }

    public long afterSequence() { return afterSequence; }

    public boolean matches(JournalEntry entry) {
        return entry.sequence() > afterSequence
                && endpoint.map(wanted -> wanted == entry.endpoint()).orElse(true)
                && clientId.map(wanted -> entry.clientId().filter(wanted::equals).isPresent()).orElse(true)
                && error.map(wanted -> entry.error().filter(wanted::equals).isPresent()).orElse(true)
                && switch (outcome) {
                    case ANY -> true;
                    case SUCCEEDED -> entry.succeeded();
                    case FAILED -> !entry.succeeded();
                };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JournalFilter that && endpoint.equals(that.endpoint) && clientId.equals(that.clientId)
                && outcome == that.outcome && error.equals(that.error) && afterSequence == that.afterSequence;
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, clientId, outcome, error, afterSequence);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("requests");
        endpoint.ifPresent(e -> text.append(" to ").append(e));
        clientId.ifPresent(id -> text.append(" of client_id ").append(id));
        if (outcome != Outcome.ANY) {
            text.append(outcome == Outcome.SUCCEEDED ? " that succeeded" : " that failed");
        }
        error.ifPresent(code -> text.append(" with error ").append(code));
        if (afterSequence > 0) {
            text.append(" after #").append(afterSequence);
        }
        return text.toString();
    }
}

package io.github.fakeims.junit;

import io.github.fakeims.server.JournalEntry;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one request the fake received; failures show the entry with the fake's reason. */
public final class JournalEntryAssert extends AbstractAssert<JournalEntryAssert, JournalEntry> {

    JournalEntryAssert(JournalEntry entry) {
        super(entry, JournalEntryAssert.class);
    }

    public JournalEntryAssert hasStatus(int status) {
        isNotNull();
        if (actual.status() != status) {
            failWithMessage("Expecting the fake to have answered %d but it answered:%n  %s", status, actual);
        }
        return this;
    }

    /** Answered with a 2xx. */
    public JournalEntryAssert succeeded() {
        isNotNull();
        if (!actual.succeeded()) {
            failWithMessage("Expecting the request to succeed but the fake answered:%n  %s", actual);
        }
        return this;
    }

    /** Answered with this IMS error code, e.g. {@code invalid_token}. */
    public JournalEntryAssert failedWith(String error) {
        isNotNull();
        if (actual.error().filter(error::equals).isEmpty()) {
            failWithMessage("Expecting the fake to have answered error %s but it answered:%n  %s", error, actual);
        }
        return this;
    }

    /** The fake's precise reason contains this text. */
    public JournalEntryAssert hasReasonContaining(String text) {
        isNotNull();
        if (actual.reason().filter(reason -> reason.contains(text)).isEmpty()) {
            failWithMessage("Expecting the fake's reason to contain%n  %s%nbut the entry is:%n  %s", text, actual);
        }
        return this;
    }

    /** An access token was issued for this request. */
    public JournalEntryAssert issuedToken() {
        isNotNull();
        if (actual.tokenId().isEmpty()) {
            failWithMessage("Expecting the fake to have issued a token but the entry is:%n  %s", actual);
        }
        return this;
    }

    /** A scripted fault hit this request. */
    public JournalEntryAssert hadFault() {
        isNotNull();
        if (actual.fault().isEmpty()) {
            failWithMessage("Expecting a scripted fault to have hit the request but none did:%n  %s", actual);
        }
        return this;
    }

    /** The request carried this parameter (secrets are masked in the journal, so compare those by presence only). */
    public JournalEntryAssert hasParameter(String name, String value) {
        isNotNull();
        if (!value.equals(actual.parameters().get(name))) {
            failWithMessage("Expecting parameter %s=%s but the parameters were%n  %s", name, value, actual.parameters());
        }
        return this;
    }

    /** The claims of the Service Account JWT the request carried (decoded; the journal keeps no signature). */
    public ServiceAccountJwtAssert jwt() {
        isNotNull();
        if (actual.jwtClaims().isEmpty()) {
            failWithMessage("Expecting the request to carry a decodable jwt_token but it did not:%n  %s", actual);
        }
        return new ServiceAccountJwtAssert("the JWT of journal entry #" + actual.sequence(), actual.jwtClaims().orElseThrow());
    }
}

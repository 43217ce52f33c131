package io.github.fakeims.junit;

import io.github.fakeims.server.Journal;
import io.github.fakeims.server.JournalEntry;

/**
 * Entry points for the fake IMS's AssertJ assertions. Named so they can be statically imported
 * beside AssertJ's own {@code assertThat}.
 *
 * <pre>{@code
 * assertThatJwt(jwtMyCodeBuilt)
 *         .hasIssuer(credential.orgId())
 *         .hasAudienceFor(credential.clientId())
 *         .hasMetascope("ent_analytics_bulk_ingest_sdk")
 *         .isAcceptedBy(fake, credential);
 * }</pre>
 */
public final class FakeImsAssertions {

    private FakeImsAssertions() {
    }

    /** Assertions on a Service Account JWT (the {@code jwt_token} of {@code /ims/exchange/jwt}). */
    public static ServiceAccountJwtAssert assertThatJwt(String jwt) {
        return new ServiceAccountJwtAssert(jwt);
    }

    /** Assertions on what the fake received: {@code assertThat(ims.journal()).exchanges().singleElement().jwt().hasIssuer(org)}. */
    public static JournalAssert assertThat(Journal journal) {
        return new JournalAssert(journal);
    }

    /** Assertions on one request the fake received. */
    public static JournalEntryAssert assertThat(JournalEntry entry) {
        return new JournalEntryAssert(entry);
    }

    /** Assertions on an IMS access token. */
    public static AccessTokenAssert assertThatAccessToken(String accessToken) {
        return new AccessTokenAssert(accessToken);
    }
}

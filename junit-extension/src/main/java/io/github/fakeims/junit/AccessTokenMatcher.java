package io.github.fakeims.junit;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsAdminClient;
import io.github.fakeims.server.IssuedAccessToken;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A WireMock request matcher for stubs of Adobe APIs: matches only requests whose
 * {@code Authorization: Bearer} token the fake IMS issued and still holds valid, and, when asked, whose
 * {@code scope} holds the given OAuth scopes, that a JWT exchange granted the given metascopes (real tokens
 * carry OAuth scopes only, so that is the fake's record of the token), and that went to a given client. It
 * asks the fake's admin API ({@code POST /fake-ims/tokens/find}), which is neither journaled nor subject to
 * scripted faults: matching leaves the journal as the code under test left it and never uses up a fault.
 * That works for an in-process fake and a container alike; for a fake whose admin API needs a token, pass
 * the {@link FakeIms} itself ({@code issuedBy(fake)}).
 *
 * <pre>{@code
 * analytics.stubFor(get(urlPathMatching("/api/.*"))
 *         .andMatching(AccessTokenMatcher.issuedBy(fake).withMetascope("ent_analytics_bulk_ingest_sdk"))
 *         .willReturn(okJson("{...}")));
 * }</pre>
 *
 * Needs {@code org.wiremock:wiremock-standalone} (or {@code wiremock}) 3.x on the test class path.
 */
public final class AccessTokenMatcher implements ValueMatcher<Request> {

    private final FakeIms fake;
    private final Set<String> requiredScopes;
    private final Set<String> requiredMetascopes;
    private final Optional<String> requiredClientId;

    private AccessTokenMatcher(FakeIms fake, Set<String> requiredScopes, Set<String> requiredMetascopes,
                               Optional<String> requiredClientId) {
        this.fake = fake;
        this.requiredScopes = Set.copyOf(requiredScopes);
        this.requiredMetascopes = Set.copyOf(requiredMetascopes);
        this.requiredClientId = requiredClientId;
    }

    /** Matches bearer tokens that the fake IMS at {@code imsUrl} issued and that are still valid (its admin API needs no token). */
    public static AccessTokenMatcher issuedBy(URI imsUrl) {
        return issuedBy(FakeImsAdminClient.connect(imsUrl));
    }

    /** Matches bearer tokens that {@code fake} issued and that are still valid. */
    public static AccessTokenMatcher issuedBy(FakeIms fake) {
        return new AccessTokenMatcher(fake, Set.of(), Set.of(), Optional.empty());
    }

    /** ...and whose {@code scope} holds every one of these OAuth scopes (e.g. {@code openid}, {@code AdobeID}). */
    public AccessTokenMatcher withScope(String... scopes) {
        Set<String> all = new LinkedHashSet<>(requiredScopes);
        all.addAll(List.of(scopes));
        return new AccessTokenMatcher(fake, all, requiredMetascopes, requiredClientId);
    }

    /**
     * ...and that a JWT exchange granted every one of these metascope codes (e.g. {@code ent_analytics_bulk_ingest_sdk}),
     * as the fake's record of the token says: the fake remembers as many tokens as its journal holds.
     */
    public AccessTokenMatcher withMetascope(String... codes) {
        Set<String> all = new LinkedHashSet<>(requiredMetascopes);
        all.addAll(List.of(codes));
        return new AccessTokenMatcher(fake, requiredScopes, all, requiredClientId);
    }

    /** ...and that were issued to {@code clientId}. */
    public AccessTokenMatcher forClient(String clientId) {
        return new AccessTokenMatcher(fake, requiredScopes, requiredMetascopes, Optional.of(clientId));
    }

    @Override
    public MatchResult match(Request request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return MatchResult.noMatch();
        }
        return MatchResult.of(accepts(authorization.substring(7).trim()));
    }

    /** Whether the fake holds the token valid and it carries what this matcher requires. */
    boolean accepts(String token) {
        Optional<IssuedAccessToken> issued = fake.issuedTokens().find(token);
        return issued.filter(IssuedAccessToken::isValid)
                .filter(found -> requiredClientId.map(found.clientId()::equals).orElse(true))
                .filter(found -> Arrays.asList(found.scope().split(",")).containsAll(requiredScopes))
                .filter(found -> found.metascopes().containsAll(requiredMetascopes))
                .isPresent();
    }

    @Override
    public String toString() {
        return "a bearer token valid at the fake IMS " + fake.baseUrl() + (requiredScopes.isEmpty() ? "" : " with scope " + requiredScopes)
                + (requiredMetascopes.isEmpty() ? "" : " granted metascopes " + requiredMetascopes)
                + requiredClientId.map(client -> " for client_id " + client).orElse("");
    }
}

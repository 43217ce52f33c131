package io.github.fakeims.junit;

import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.FakeIms;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an IMS access token (as the fake issues and real IMS shapes them). Obtain one from
 * {@link FakeImsAssertions#assertThatAccessToken(String)}.
 */
public final class AccessTokenAssert extends AbstractAssert<AccessTokenAssert, String> {

    private Clock clock = Clock.systemUTC();

    AccessTokenAssert(String accessToken) {
        super(accessToken, AccessTokenAssert.class);
    }

    /** Time-based checks read {@code fake}'s clock from here on (default the system clock), so they agree with the fake after the test moves it. */
    public AccessTokenAssert usingClockOf(FakeIms fake) {
        this.clock = fake.clock().asClock();
        return this;
    }

    public AccessTokenAssert hasClientId(String clientId) {
        return hasClaim("client_id", clientId);
    }

    /** The token's {@code org}: OAuth Server-to-Server tokens carry it; JWT-exchange tokens, like real JWT-era ones, do not. */
    public AccessTokenAssert hasOrg(String orgId) {
        return hasClaim("org", orgId);
    }

    /** The token's {@code user_id}: the technical account for Service Account and OAuth Server-to-Server tokens. */
    public AccessTokenAssert hasUserId(String technicalAccountId) {
        return hasClaim("user_id", technicalAccountId);
    }

    /**
     * The comma-separated {@code scope} holds every one of {@code scopes}: OAuth scopes for both grants (a
     * JWT exchange's metascopes are not in the token, as in real IMS; see {@code IssuedAccessToken.metascopes()}).
     */
    public AccessTokenAssert hasScope(String... scopes) {
        List<String> actualScopes = scopes();
        List<String> missing = Arrays.stream(scopes).filter(scope -> !actualScopes.contains(scope)).toList();
        if (!missing.isEmpty()) {
            failWithMessage("Expecting the access token's scope to hold %s%nbut it was%n  %s%nmissing %s",
                    Arrays.toString(scopes), String.join(",", actualScopes), missing);
        }
        return this;
    }

    /**
     * {@code created_at + expires_in} (both millisecond strings) is still in the future, by at least {@code minimum}:
     * by the system clock, or the fake's after {@link #usingClockOf}.
     */
    public AccessTokenAssert isValidForAtLeast(Duration minimum) {
        Map<String, Object> claims = claims();
        try {
            Instant expiry = Instant.ofEpochMilli(Long.parseLong((String) claims.get("created_at"))
                    + Long.parseLong((String) claims.get("expires_in")));
            Instant now = clock.instant();
            if (expiry.isBefore(now.plus(minimum))) {
                failWithMessage("Expecting the access token to be valid for at least %s from now (%s)%nbut it expires at %s",
                        minimum, now, expiry);
            }
        } catch (RuntimeException e) {
            failWithMessage("Expecting created_at and expires_in as strings of milliseconds, but they were %s and %s",
                    claims.get("created_at"), claims.get("expires_in"));
        }
        return this;
    }

    private AccessTokenAssert hasClaim(String name, String expected) {
        Object actualValue = claims().get(name);
        if (!expected.equals(actualValue)) {
            failWithMessage("Expecting the access token's %s to be%n  %s%nbut it was%n  %s", name, expected, actualValue);
        }
        return this;
    }

    private List<String> scopes() {
        Object scope = claims().get("scope");
        return scope instanceof String text ? List.of(text.split(",")) : List.of();
    }

    private Map<String, Object> claims() {
        isNotNull();
        try {
            return SignedJWT.parse(actual.trim()).getPayload().toJSONObject();
        } catch (ParseException e) {
            failWithMessage("Expecting an IMS access token (a signed JWT) but it cannot be parsed: %s", e.getMessage());
            throw new IllegalStateException("unreachable");
        }
    }

    @Override
    public String toString() {
        return new TreeSet<>(claims().keySet()).toString();
    }
}

package io.github.fakeims.junit;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A WireMock request matcher for stubs of Adobe APIs: matches only requests whose
 * {@code Authorization: Bearer} token the fake IMS issued and still holds valid (asked over HTTP, at
 * {@code /ims/validate_token/v1}, so it works for an in-process fake and a container alike), and,
 * when asked, whose scope holds the given codes.
 *
 * <pre>{@code
 * analytics.stubFor(get(urlPathMatching("/api/.*"))
 *         .andMatching(AccessTokenMatcher.issuedBy(fake.baseUrl()).withScope("ent_analytics_bulk_ingest_sdk"))
 *         .willReturn(okJson("{...}")));
 * }</pre>
 *
 * Needs {@code org.wiremock:wiremock-standalone} (or {@code wiremock}) 3.x on the test class path.
 */
public final class AccessTokenMatcher implements ValueMatcher<Request> {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI imsUrl;
    private final Set<String> requiredScopes;
    private final Optional<String> requiredClientId;

    private AccessTokenMatcher(URI imsUrl, Set<String> requiredScopes, Optional<String> requiredClientId) {
        this.imsUrl = imsUrl;
        this.requiredScopes = Set.copyOf(requiredScopes);
        this.requiredClientId = requiredClientId;
    }

    /** Matches bearer tokens that the fake IMS at {@code imsUrl} issued and that are still valid. */
    public static AccessTokenMatcher issuedBy(URI imsUrl) {
        return new AccessTokenMatcher(imsUrl, Set.of(), Optional.empty());
    }

    /** ...and whose {@code scope} holds every one of {@code scopes} (metascope codes for a JWT exchange). */
    public AccessTokenMatcher withScope(String... scopes) {
        Set<String> all = new LinkedHashSet<>(requiredScopes);
        all.addAll(List.of(scopes));
        return new AccessTokenMatcher(imsUrl, all, requiredClientId);
    }

    /** ...and that were issued to {@code clientId}. */
    public AccessTokenMatcher forClient(String clientId) {
        return new AccessTokenMatcher(imsUrl, requiredScopes, Optional.of(clientId));
    }

    @Override
    public MatchResult match(Request request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return MatchResult.noMatch();
        }
        return MatchResult.of(accepts(authorization.substring(7).trim()));
    }

    /** Whether the fake says the token is valid and it carries what this matcher requires. */
    boolean accepts(String token) {
        try {
            Object clientId = SignedJWT.parse(token).getPayload().toJSONObject().get("client_id");
            if (!(clientId instanceof String client) || requiredClientId.filter(required -> !required.equals(client)).isPresent()) {
                return false;
            }
            Map<String, Object> validation = validate(client, token);
            if (!Boolean.TRUE.equals(validation.get("valid")) || !(validation.get("token") instanceof Map<?, ?> claims)) {
                return false;
            }
            Object scope = claims.get("scope");
            return scope instanceof String granted && Arrays.asList(granted.split(",")).containsAll(requiredScopes);
        } catch (java.text.ParseException | IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Map<String, Object> validate(String clientId, String token) throws IOException, InterruptedException, java.text.ParseException {
        String form = "type=access_token&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(imsUrl + "/ims/validate_token/v1"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSONObjectUtils.parse(response.body()) : Map.of();
    }

    @Override
    public String toString() {
        return "a bearer token valid at the fake IMS " + imsUrl + (requiredScopes.isEmpty() ? "" : " with scope " + requiredScopes)
                + requiredClientId.map(client -> " for client_id " + client).orElse("");
    }
}

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
 * when asked, whose {@code scope} holds the given OAuth scopes, or that a JWT exchange granted the given
 * metascopes. Real tokens carry OAuth scopes only, so metascopes are asked of the fake's record of the
 * token ({@code POST /fake-ims/tokens/find}: the admin API, with {@link #adminToken} when it has one).
 *
 * <pre>{@code
 * analytics.stubFor(get(urlPathMatching("/api/.*"))
 *         .andMatching(AccessTokenMatcher.issuedBy(fake.baseUrl()).withMetascope("ent_analytics_bulk_ingest_sdk"))
 *         .willReturn(okJson("{...}")));
 * }</pre>
 *
 * Needs {@code org.wiremock:wiremock-standalone} (or {@code wiremock}) 3.x on the test class path.
 */
public final class AccessTokenMatcher implements ValueMatcher<Request> {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI imsUrl;
    private final Set<String> requiredScopes;
    private final Set<String> requiredMetascopes;
    private final Optional<String> requiredClientId;
    private final Optional<String> adminToken;

    private AccessTokenMatcher(URI imsUrl, Set<String> requiredScopes, Set<String> requiredMetascopes,
                               Optional<String> requiredClientId, Optional<String> adminToken) {
        this.imsUrl = imsUrl;
        this.requiredScopes = Set.copyOf(requiredScopes);
        this.requiredMetascopes = Set.copyOf(requiredMetascopes);
        this.requiredClientId = requiredClientId;
        this.adminToken = adminToken;
    }

    /** Matches bearer tokens that the fake IMS at {@code imsUrl} issued and that are still valid. */
    public static AccessTokenMatcher issuedBy(URI imsUrl) {
        return new AccessTokenMatcher(imsUrl, Set.of(), Set.of(), Optional.empty(), Optional.empty());
    }

    /** ...and whose {@code scope} holds every one of {@code scopes}: OAuth scopes, e.g. {@code openid}, for both grants. */
    public AccessTokenMatcher withScope(String... scopes) {
        Set<String> all = new LinkedHashSet<>(requiredScopes);
        all.addAll(List.of(scopes));
        return new AccessTokenMatcher(imsUrl, all, requiredMetascopes, requiredClientId, adminToken);
    }

    /**
     * ...and that a JWT exchange granted every one of these metascope codes (e.g. {@code ent_analytics_bulk_ingest_sdk}),
     * as the fake's record of the token says: the fake remembers as many tokens as its journal holds.
     */
    public AccessTokenMatcher withMetascope(String... codes) {
        Set<String> all = new LinkedHashSet<>(requiredMetascopes);
        all.addAll(List.of(codes));
        return new AccessTokenMatcher(imsUrl, requiredScopes, all, requiredClientId, adminToken);
    }

    /** ...and that were issued to {@code clientId}. */
    public AccessTokenMatcher forClient(String clientId) {
        return new AccessTokenMatcher(imsUrl, requiredScopes, requiredMetascopes, Optional.of(clientId), adminToken);
    }

    /** The fake's admin token, for {@link #withMetascope} on a fake started with one. */
    public AccessTokenMatcher adminToken(String token) {
        return new AccessTokenMatcher(imsUrl, requiredScopes, requiredMetascopes, requiredClientId, Optional.of(token));
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
            return scope instanceof String granted && Arrays.asList(granted.split(",")).containsAll(requiredScopes)
                    && (requiredMetascopes.isEmpty() || metascopes(token).containsAll(requiredMetascopes));
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

    /** The metascopes the fake's record of the token holds (empty when the admin API does not answer). */
    private List<String> metascopes(String token) throws IOException, InterruptedException, java.text.ParseException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(imsUrl + "/fake-ims/tokens/find"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(Map.of("token", token))));
        adminToken.ifPresent(admin -> request.header("Authorization", "Bearer " + admin));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return List.of();
        }
        List<String> metascopes = JSONObjectUtils.getStringList(JSONObjectUtils.parse(response.body()), "metascopes");
        return metascopes == null ? List.of() : metascopes;
    }

    @Override
    public String toString() {
        return "a bearer token valid at the fake IMS " + imsUrl + (requiredScopes.isEmpty() ? "" : " with scope " + requiredScopes)
                + (requiredMetascopes.isEmpty() ? "" : " granted metascopes " + requiredMetascopes)
                + requiredClientId.map(client -> " for client_id " + client).orElse("");
    }
}

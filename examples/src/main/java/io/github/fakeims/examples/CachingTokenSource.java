package io.github.fakeims.examples;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The example "application" code a team writes around IMS: an OAuth Server-to-Server token, cached
 * until ten minutes before it expires, fetched again after a 429 once {@code Retry-After} has passed
 * (three tries at most), and a malformed answer refused rather than cached.
 */
public final class CachingTokenSource {

    /** How the source waits before a retry; tests pass one that only records. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Duration REFRESH_MARGIN = Duration.ofMinutes(10);
    static final int MAX_TRIES = 3;

    private final URI tokenUrl;
    private final String form;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HttpClient http = HttpClient.newHttpClient();
    private String token;
    private Instant refreshAt = Instant.MIN;

    public CachingTokenSource(URI imsUrl, String clientId, String clientSecret, String scopes, Clock clock, Sleeper sleeper) {
        this.tokenUrl = URI.create(imsUrl + "/ims/token/v3");
        this.form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret)
                + "&scope=" + encode(scopes);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A token with at least ten minutes left, from the cache when it has one. */
    public synchronized String accessToken() throws IOException, InterruptedException {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenUrl)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429 && attempt < MAX_TRIES) {
                long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                sleeper.sleep(Duration.ofSeconds(seconds));
                continue;
            }
            if (response.statusCode() != 200) {
                throw new IOException("IMS answered " + response.statusCode() + " after " + attempt + " tries: " + response.body());
            }
            accept(response.body());
            return;
        }
    }

    private void accept(String body) throws IOException {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            throw new IOException("IMS answered a token response that is not JSON: " + body, e);
        }
        if (!(json.get("access_token") instanceof String accessToken) || !(json.get("expires_in") instanceof Number expiresIn)) {
            throw new IOException("IMS answered a token response without access_token or a numeric expires_in: " + body);
        }
        // OAuth Server-to-Server sends expires_in in seconds (the JWT exchange sends milliseconds).
        token = accessToken;
        refreshAt = clock.instant().plusSeconds(expiresIn.longValue()).minus(REFRESH_MARGIN);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package io.github.fakeims.server;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A tiny HTTP client for tests: form posts, raw posts, GETs, and JSON bodies as maps. */
public final class ImsHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ImsHttp() {
    }

    /** POSTs the parameters URL-encoded. */
    public static HttpResponse<String> postForm(URI url, Map<String, String> params) {
        String body = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return post(url, "application/x-www-form-urlencoded", body);
    }

    /** POSTs the parameters URL-encoded, with extra request headers (e.g. {@code Authorization: Basic …}). */
    public static HttpResponse<String> postForm(URI url, Map<String, String> params, Map<String, String> headers) {
        String body = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** {@code Authorization: Basic} for a client, each part form-encoded first as RFC 6749 §2.3.1 says. */
    public static Map<String, String> basic(String clientId, String clientSecret) {
        return Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                (encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8)));
    }

    public static HttpResponse<String> post(URI url, String contentType, String body) {
        return send(HttpRequest.newBuilder(url).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public static HttpResponse<String> get(URI url, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request.build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            // A bound against hangs, not a speed claim: generous, since keytool (credential generation) is slow on a busy machine.
            return CLIENT.send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("not a JSON object: " + response.body(), e);
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

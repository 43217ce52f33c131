package io.github.fakeims.server.internal.admin;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.fakeims.server.FakeImsAdminException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The client side of the admin API: sends one request and turns the answer into a value, or into the
 * exception the in-process control plane would throw for the same mistake.
 */
final class AdminHttp {

    /** One admin answer; {@code adminApiOff} when the fake said its admin API is off. */
    public record Response(int status, String body, boolean adminApiOff) {

        public Map<String, Object> object() {
            try {
                return JSONObjectUtils.parse(body);
            } catch (ParseException e) {
                throw new FakeImsAdminException(status, "the admin API answered something that is not a JSON object: " + abbreviate(body), e);
            }
        }

        public List<Object> array() {
            try {
                return JSONArrayUtils.parse(body);
            } catch (ParseException e) {
                throw new FakeImsAdminException(status, "the admin API answered something that is not a JSON array: " + abbreviate(body), e);
            }
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Longer than the server's longest long-poll ({@link AdminApi#MAX_TAKE_WAIT}). */
    private static final Duration REQUEST_TIMEOUT = AdminApi.MAX_TAKE_WAIT.plusSeconds(15);

    private final URI baseUrl;
    private final Optional<String> adminToken;
    private final HttpClient client;

    public AdminHttp(URI baseUrl, Optional<String> adminToken) {
        this(baseUrl, adminToken, Optional.empty());
    }

    /** {@code tls}: what an {@code https} fake's certificate is trusted with; the JVM's default otherwise. */
    public AdminHttp(URI baseUrl, Optional<String> adminToken, Optional<SSLContext> tls) {
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT);
        tls.ifPresent(client::sslContext);
        this.client = client.build();
    }

    /** Sends a request; a 2xx is returned, anything else thrown. */
    public Response send(String method, String pathAndQuery, String body) {
        Response response = exchange(method, pathAndQuery, body);
        if (response.status() >= 200 && response.status() < 300) {
            return response;
        }
        String reason = reason(response);
        if (response.adminApiOff()) {
            throw new FakeImsAdminException(response.status(), "the admin API of the fake IMS at " + baseUrl + " is off (adminApi=false"
                    + " / --no-admin-api): " + method + " " + pathAndQuery + " answered " + response.status() + ": " + reason, null);
        }
        throw switch (response.status()) {
            case 400 -> new IllegalArgumentException(reason);
            case 404 -> new NoSuchElementException(reason);
            case 409 -> new IllegalStateException(reason);
            default -> new FakeImsAdminException(response.status(), method + " " + pathAndQuery + " answered " + response.status()
                    + ": " + reason, null);
        };
    }

    /** Like {@link #send}, but a 404 is an empty answer. */
    public Optional<Response> sendAllowing404(String method, String pathAndQuery, String body) {
        try {
            return Optional.of(send(method, pathAndQuery, body));
        } catch (NoSuchElementException e) {
            return Optional.empty();
        }
    }

    private Response exchange(String method, String pathAndQuery, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        adminToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response.headers().firstValue(AdminApi.OFF_HEADER).isPresent());
        } catch (IOException e) {
            throw new FakeImsAdminException(0, "cannot reach the fake IMS admin API at " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FakeImsAdminException(0, "interrupted while calling the fake IMS admin API at " + baseUrl, e);
        }
    }

    /** The fake's precise reason from an admin error body, else the body itself. */
    private static String reason(Response response) {
        try {
            Object reason = JSONObjectUtils.parse(response.body()).get("reason");
            if (reason instanceof String text) {
                return text;
            }
        } catch (ParseException e) {
            // not an admin error body: show what came
        }
        return abbreviate(response.body());
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}

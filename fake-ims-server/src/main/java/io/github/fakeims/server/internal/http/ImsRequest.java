package io.github.fakeims.server.internal.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as the handlers see it, independent of the HTTP engine; immutable: what a handler
 * made of it travels in its result, never back into the request. Header names are case-insensitive;
 * {@link #params()} merges the query string and the form body.
 */
public final class ImsRequest {

    private final String scheme;
    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final FormParams params;

    public ImsRequest(String method, String path, Map<String, List<String>> headers, FormParams params) {
        this("http", method, path, headers, params);
    }

    /** A request that came over {@code scheme} ({@code http} or {@code https}). */
    public ImsRequest(String scheme, String method, String path, Map<String, List<String>> headers, FormParams params) {
        this.scheme = scheme;
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseInsensitive.put(name, List.copyOf(values)));
        this.headers = caseInsensitive;
        this.params = params;
    }

    public String method() { return method; }

    /** The request path, without query string. */
    public String path() { return path; }

    public FormParams params() { return params; }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The token of an {@code Authorization: Bearer …} header, if any. */
    public Optional<String> bearerToken() {
        return header("Authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim())
                .filter(token -> !token.isEmpty());
    }

    /** The base URL the client addressed: the listener's scheme and the {@code Host} header. */
    public Optional<String> addressedBaseUrl() {
        return header("Host").map(String::trim).filter(host -> !host.isEmpty()).map(host -> scheme + "://" + host);
    }
}

package io.github.fakeims.server.internal.jwt;

import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.internal.http.ImsRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The IMS base URLs a JWT may name in {@code aud} and in its metascope keys: the address the client
 * used (from its {@code Host} header), the loopback aliases of the bound port ({@code localhost},
 * {@code 127.0.0.1}, {@code [::1]}), the configured public URLs and, when enabled, production and stage.
 */
public final class AcceptedBaseUrls {

    private final Set<String> fixed;

    public AcceptedBaseUrls(int port, URI ownBaseUrl, FakeImsConfig config) {
        this(List.of(ownBaseUrl), config);
    }

    /** For a fake with these listeners (HTTP and/or HTTPS): each one's URL and its loopback aliases, with its scheme. */
    public AcceptedBaseUrls(List<URI> listeners, FakeImsConfig config) {
        Set<String> urls = new LinkedHashSet<>();
        for (URI listener : listeners) {
            canonical(listener.toString()).ifPresent(urls::add);
            for (String loopback : new String[] {"localhost", "127.0.0.1", "[::1]"}) {
                canonical(listener.getScheme() + "://" + loopback + ":" + listener.getPort()).ifPresent(urls::add);
            }
        }
        config.publicBaseUrls().forEach(url -> canonical(url.toString()).ifPresent(urls::add));
        if (config.acceptProductionAudience()) {
            canonical(FakeImsConfig.PRODUCTION_IMS.toString()).ifPresent(urls::add);
            canonical(FakeImsConfig.STAGE_IMS.toString()).ifPresent(urls::add);
        }
        this.fixed = Set.copyOf(urls);
    }

    /** The base URLs accepted whoever asks: loopback aliases, public URLs, production and stage if enabled. */
    public Set<String> fixed() {
        return fixed;
    }

    /** The accepted base URLs for one request, normalized. */
    public Set<String> forRequest(ImsRequest request) {
        return forAddress(request.addressedBaseUrl());
    }

    /** The fixed base URLs plus the one a client addressed (from its {@code Host} header), normalized. */
    public Set<String> forAddress(Optional<String> addressedBaseUrl) {
        Set<String> urls = new LinkedHashSet<>(fixed);
        addressedBaseUrl.flatMap(AcceptedBaseUrls::canonical).ifPresent(urls::add);
        return urls;
    }

    /**
     * The canonical form of a plain base URL: lower-case scheme and host, no default port, no trailing
     * slash. Anything else (user info, query, fragment, white space or control characters) has none,
     * so it can never equal an accepted base.
     */
    public static Optional<String> canonical(String url) {
        if (url.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
            return Optional.empty();
        }
        String trimmed = url;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** {@link #canonical} for reporting: the canonical form, or the text as it came. */
    public static String normalize(String url) {
        return canonical(url).orElse(url);
    }
}

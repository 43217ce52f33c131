package io.github.fakeims.server.internal;

import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.internal.http.ImsRequest;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The IMS base URLs a JWT may name in {@code aud} and in its metascope keys: the address the client
 * used (from its {@code Host} header), the loopback aliases of the bound port ({@code localhost},
 * {@code 127.0.0.1}, {@code [::1]}), the configured public URLs and, when enabled, production and stage.
 */
public final class AcceptedBaseUrls {

    private final Set<String> fixed;

    public AcceptedBaseUrls(int port, URI ownBaseUrl, FakeImsConfig config) {
        Set<String> urls = new LinkedHashSet<>();
        urls.add(normalize(ownBaseUrl.toString()));
        for (String loopback : new String[] {"localhost", "127.0.0.1", "[::1]"}) {
            urls.add(normalize("http://" + loopback + ":" + port));
        }
        config.publicBaseUrls().forEach(url -> urls.add(normalize(url.toString())));
        if (config.acceptProductionAudience()) {
            urls.add(normalize(FakeImsConfig.PRODUCTION_IMS.toString()));
            urls.add(normalize(FakeImsConfig.STAGE_IMS.toString()));
        }
        this.fixed = Set.copyOf(urls);
    }

    /** The base URLs accepted whoever asks: loopback aliases, public URLs, production and stage if enabled. */
    public Set<String> fixed() {
        return fixed;
    }

    /** The accepted base URLs for one request, normalized. */
    public Set<String> forRequest(ImsRequest request) {
        Set<String> urls = new LinkedHashSet<>(fixed);
        request.addressedBaseUrl().ifPresent(url -> urls.add(normalize(url)));
        return urls;
    }

    /**
     * Lower-case scheme and host, no default port, no trailing slash; text that is not a URL is
     * returned trimmed, so it can still be compared and reported.
     */
    public static String normalize(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return trimmed;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
        } catch (Exception e) {
            return trimmed;
        }
    }
}

package io.github.fakeims.server;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The IMS endpoints the fake serves, each with the paths real clients use for it. Journal entries
 * and scripted faults name endpoints by this type; over HTTP by its name or any of its paths.
 */
public enum ImsEndpoint {
    JWT_EXCHANGE("POST", "/ims/exchange/jwt", "/ims/exchange/v1/jwt"),
    TOKEN("POST", "/ims/token/v3", "/ims/token", "/ims/token/v1", "/ims/token/v2", "/ims/token/v4"),
    VALIDATE_TOKEN("POST", "/ims/validate_token/v1"),
    INVALIDATE_TOKEN("POST", "/ims/invalidate_token/v2"),
    REVOKE("POST", "/ims/revoke"),
    KEYS("GET", "/ims/keys"),
    OPENID_CONFIGURATION("GET", "/ims/.well-known/openid-configuration"),
    ORGANIZATIONS("GET", "/ims/organizations/v5", "/ims/organizations/v6"),
    PROFILE("GET", "/ims/profile/v1"),
    USERINFO("GET", "/ims/userinfo/v2"),
    /** A path no IMS endpoint of the fake serves (answered with 404). */
    UNKNOWN("");

    private final String method;
    private final List<String> paths;

    ImsEndpoint(String method, String... paths) {
        this.method = method;
        this.paths = List.of(paths);
    }

    /** The HTTP method the endpoint takes ({@code ""} for {@link #UNKNOWN}). */
    public String method() {
        return method;
    }

    /** The paths that reach it, the usual one first; a trailing slash is also accepted. */
    public List<String> paths() {
        return paths;
    }

    /** The endpoint serving a request path, {@link #UNKNOWN} if none. */
    public static ImsEndpoint ofPath(String path) {
        String normalized = path;
        while (normalized.length() > 1 && normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        for (ImsEndpoint endpoint : values()) {
            if (endpoint.paths.contains(normalized)) {
                return endpoint;
            }
        }
        return UNKNOWN;
    }

    /** An endpoint by name ({@code TOKEN}, case-insensitive) or by one of its paths ({@code /ims/token/v3}). */
    public static Optional<ImsEndpoint> parse(String nameOrPath) {
        String text = nameOrPath.trim();
        if (text.startsWith("/")) {
            ImsEndpoint endpoint = ofPath(text);
            return endpoint == UNKNOWN ? Optional.empty() : Optional.of(endpoint);
        }
        try {
            return Optional.of(valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

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
    /** Also {@code GET} with a query string and a Bearer header, as Adobe's App Builder code calls it. */
    VALIDATE_TOKEN("POST, GET", "/ims/validate_token/v1"),
    INVALIDATE_TOKEN("POST", "/ims/invalidate_token/v2"),
    REVOKE("POST", "/ims/revoke"),
    KEYS("GET", "/ims/keys"),
    OPENID_CONFIGURATION("GET", "/ims/.well-known/openid-configuration"),
    ORGANIZATIONS("GET", "/ims/organizations/v5", "/ims/organizations/v6", "/ims/organizations/v1", "/ims/organizations/v2",
            "/ims/organizations/v3", "/ims/organizations/v4"),
    PROFILE("GET", "/ims/profile/v1", "/ims/profile/v2", "/ims/profile/v3"),
    /** {@code /ims/userinfo} and {@code /v1} are ims-go's defaults. */
    USERINFO("GET", "/ims/userinfo/v2", "/ims/userinfo", "/ims/userinfo/v1"),
    /** A path no IMS endpoint of the fake serves (answered with 404). */
    UNKNOWN("");

    private final List<String> methods;
    private final List<String> paths;

    ImsEndpoint(String methods, String... paths) {
        this.methods = methods.isEmpty() ? List.of() : List.of(methods.split(", "));
        this.paths = List.of(paths);
    }

    /** The HTTP method the endpoint usually takes ({@code ""} for {@link #UNKNOWN}). */
    public String method() {
        return methods.isEmpty() ? "" : methods.get(0);
    }

    /** Every HTTP method the endpoint takes, the usual one first. */
    public List<String> methods() {
        return methods;
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

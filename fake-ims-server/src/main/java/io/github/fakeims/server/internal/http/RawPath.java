package io.github.fakeims.server.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A request path as sent, percent-encoded: decoded whole for IMS routes, segment by segment for admin ones. */
public final class RawPath {

    private RawPath() {
    }

    /**
     * Percent-decodes {@code raw} as a path ({@code +} stays {@code +}). The server hands over only paths it
     * parsed as a URI, so every escape is well-formed; a stray one is kept as it came.
     */
    public static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}

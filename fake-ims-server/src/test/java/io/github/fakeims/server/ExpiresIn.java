package io.github.fakeims.server;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code expires_in} as real IMS reports it: the time remaining, a little under the 24 h lifetime
 * (86399993 ms, 86399 s). Under a running clock the exact value depends on how long the call took,
 * so the checks allow up to a minute of it; a fixed clock gives exactly lifetime − 1 ms (AccessTokenShapeTest).
 */
public final class ExpiresIn {

    public static final long LIFETIME_MILLIS = 86_400_000L;

    private ExpiresIn() {
    }

    /** The JWT exchange's {@code expires_in}: milliseconds remaining. */
    public static void assertRemainingMillis(Object expiresIn) {
        assertThat(expiresIn).as("expires_in (ms remaining)").isInstanceOf(Long.class);
        assertThat((Long) expiresIn).isBetween(LIFETIME_MILLIS - 60_000, LIFETIME_MILLIS - 1);
    }

    /** OAuth Server-to-Server's {@code expires_in}: whole seconds remaining. */
    public static void assertRemainingSeconds(Object expiresIn) {
        assertThat(expiresIn).as("expires_in (s remaining)").isInstanceOf(Long.class);
        assertThat((Long) expiresIn).isBetween(LIFETIME_MILLIS / 1000 - 60, LIFETIME_MILLIS / 1000 - 1);
    }
}

package io.github.fakeims.server.internal.jwt;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code jti} values already used, per client, kept until their JWT could no longer be accepted
 * anyway (its {@code exp} plus the allowed skew), so the registry stays as small as the live JWTs.
 */
final class JtiRegistry {

    /** A longer {@code jti} is refused: a UUID is 36 characters. */
    static final int MAX_JTI_CHARS = 256;
    /** At most this many live {@code jti}s at once (~600 bytes each at the length caps: ~12 MB). */
    static final int MAX_LIVE_JTIS = 20_000;
    private static final int FIRST_PURGE_AT = 1024;

    private final Map<String, Instant> usedUntil = new ConcurrentHashMap<>();
    /** Purging scans the map: do it when it has doubled since the last purge, so the cost per use stays constant. */
    private final AtomicInteger purgeAt = new AtomicInteger(FIRST_PURGE_AT);

    /** Records a {@code jti}; {@code false} when it was already used and is still live. */
    boolean firstUse(String clientId, String jti, Instant keepUntil, Instant now) {
        int threshold = purgeAt.get();
        if (usedUntil.size() > threshold && purgeAt.compareAndSet(threshold, Integer.MAX_VALUE)) {
            usedUntil.values().removeIf(until -> until.isBefore(now));
            purgeAt.set(Math.max(FIRST_PURGE_AT, 2 * usedUntil.size()));
        }
        String key = clientId + '\n' + jti;
        Instant previous = usedUntil.putIfAbsent(key, keepUntil);
        if (previous == null) {
            return true;
        }
        if (previous.isBefore(now)) {
            return usedUntil.replace(key, previous, keepUntil);
        }
        return false;
    }

    /** Whether the registry is full even after dropping what expired by {@code now}. */
    boolean isFull(Instant now) {
        if (usedUntil.size() < MAX_LIVE_JTIS) {
            return false;
        }
        usedUntil.values().removeIf(until -> until.isBefore(now));
        return usedUntil.size() >= MAX_LIVE_JTIS;
    }

    void clear() {
        usedUntil.clear();
    }

    int size() {
        return usedUntil.size();
    }
}

package io.github.fakeims.server.internal.jwt;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code jti} values already used, per client, kept until their JWT could no longer be accepted
 * anyway (its {@code exp} plus the allowed skew), so the registry stays as small as the live JWTs.
 */
final class JtiRegistry {

    private final Map<String, Instant> usedUntil = new ConcurrentHashMap<>();

    /** Records a {@code jti}; {@code false} when it was already used and is still live. */
    boolean firstUse(String clientId, String jti, Instant keepUntil, Instant now) {
        if (usedUntil.size() > 1024) {
            usedUntil.values().removeIf(until -> until.isBefore(now));
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
}

package io.github.fakeims.server.internal.token;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The ids of invalidated tokens, each kept until the token would have expired anyway (by the fake's
 * clock), and at most {@link #MAX} at once: bounded in bytes (an id is about 60 characters, so about
 * 20 MB at the cap) however many tokens are invalidated.
 */
final class InvalidatedTokens {

    static final int MAX = 100_000;
    private static final int PRUNE_EVERY = 1024;

    private final Map<String, Instant> until = new HashMap<>();
    private int addedSincePrune;

    /** Records an invalidation; {@code false} when {@link #MAX} unexpired tokens are already invalidated. */
    synchronized boolean add(String id, Instant expiresAt, Instant now) {
        if (until.containsKey(id)) {
            return true;
        }
        if (++addedSincePrune >= PRUNE_EVERY || until.size() >= MAX) {
            until.values().removeIf(expiry -> !now.isBefore(expiry));
            addedSincePrune = 0;
        }
        if (until.size() >= MAX) {
            return false;
        }
        until.put(id, expiresAt);
        return true;
    }

    synchronized boolean contains(String id) {
        return until.containsKey(id);
    }

    synchronized int size() {
        return until.size();
    }
}

package io.github.fakeims.server.internal.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The last few tokens issued, for listing and for what only the fake knows of them (metascopes); bounded. */
final class RecentTokens {

    private final int capacity;
    private final LinkedHashMap<String, IssuedToken> tokens = new LinkedHashMap<>();

    RecentTokens(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(IssuedToken token) {
        if (capacity == 0) {
            return;
        }
        if (tokens.size() == capacity) {
            Map.Entry<String, IssuedToken> eldest = tokens.entrySet().iterator().next();
            tokens.remove(eldest.getKey());
        }
        tokens.put(token.id(), token);
    }

    synchronized Optional<IssuedToken> byId(String id) {
        return Optional.ofNullable(tokens.get(id));
    }

    synchronized List<IssuedToken> list() {
        return List.copyOf(tokens.values());
    }

    synchronized void clear() {
        tokens.clear();
    }
}

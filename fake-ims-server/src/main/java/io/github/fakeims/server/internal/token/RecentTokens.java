package io.github.fakeims.server.internal.token;

import java.util.ArrayDeque;
import java.util.List;

/** The last few tokens issued, for listing; bounded so memory stays flat however many are minted. */
final class RecentTokens {

    private final int capacity;
    private final ArrayDeque<IssuedToken> tokens = new ArrayDeque<>();

    RecentTokens(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(IssuedToken token) {
        if (capacity == 0) {
            return;
        }
        if (tokens.size() == capacity) {
            tokens.removeFirst();
        }
        tokens.addLast(token);
    }

    synchronized List<IssuedToken> list() {
        return List.copyOf(tokens);
    }

    synchronized void clear() {
        tokens.clear();
    }
}

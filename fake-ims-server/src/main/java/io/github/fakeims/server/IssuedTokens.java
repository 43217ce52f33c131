package io.github.fakeims.server;

import java.util.List;
import java.util.Optional;

/** The access tokens the fake issued. */
public interface IssuedTokens {

    /**
     * The most recently issued tokens, oldest first; as many as the journal holds
     * ({@link FakeImsConfig#journalSize()}).
     */
    List<IssuedAccessToken> list();

    /**
     * A token this fake issued (since its last reset), by value, with its current state; empty for any
     * other text. Works for tokens no longer in {@link #list()}.
     */
    Optional<IssuedAccessToken> find(String accessToken);
}

package io.github.fakeims.server.internal.token;

import io.github.fakeims.server.IssuedAccessToken;
import io.github.fakeims.server.IssuedTokens;
import io.github.fakeims.server.internal.credential.CredentialStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The issued tokens as tests see them: each with the state it is in now. */
public final class IssuedTokenRegistry implements IssuedTokens {

    private final AccessTokens tokens;
    private final CredentialStore credentials;
    private final Clock clock;

    public IssuedTokenRegistry(AccessTokens tokens, CredentialStore credentials, Clock clock) {
        this.tokens = tokens;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public List<IssuedAccessToken> list() {
        return tokens.recent().stream().map(this::view).toList();
    }

    @Override
    public Optional<IssuedAccessToken> find(String accessToken) {
        return tokens.identify(accessToken).token().map(this::view);
    }

    private IssuedAccessToken view(IssuedToken token) {
        IssuedAccessToken.State state;
        if (tokens.isInvalidated(token)) {
            state = IssuedAccessToken.State.INVALIDATED;
        } else if (!clock.instant().isBefore(token.expiresAt())) {
            state = IssuedAccessToken.State.EXPIRED;
        } else if (credentials.find(token.clientId()).isEmpty()) {
            state = IssuedAccessToken.State.CREDENTIAL_REMOVED;
        } else {
            state = IssuedAccessToken.State.VALID;
        }
        return new IssuedAccessToken(token.value(), token.id(), token.clientId(), token.claims(), token.createdAt(),
                token.expiresAt(), state, token.metascopes());
    }
}

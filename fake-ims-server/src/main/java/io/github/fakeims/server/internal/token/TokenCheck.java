package io.github.fakeims.server.internal.token;

import java.util.Optional;

/** What the fake knows of a presented access token: valid (with its details), or the reason it is not. */
public record TokenCheck(Optional<IssuedToken> token, String reason) {

    static TokenCheck valid(IssuedToken token) {
        return new TokenCheck(Optional.of(token), "");
    }

    static TokenCheck invalid(String reason) {
        return new TokenCheck(Optional.empty(), reason);
    }

    public boolean isValid() {
        return token.isPresent();
    }
}

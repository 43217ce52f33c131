package io.github.fakeims.server.internal.token;

import java.util.Optional;

/**
 * What the fake knows of a presented access token: valid (with its details), or not, with a snake_case
 * {@code code} for {@code validate_token}'s {@code reason} (Adobe's mock answers {@code bad_signature})
 * and the precise prose for the reason header and the journal.
 */
public record TokenCheck(Optional<IssuedToken> token, String code, String reason) {

    /** Not signed by this fake, not issued by this instance, altered, or not a JWT at all. */
    public static final String BAD_SIGNATURE = "bad_signature";
    public static final String EXPIRED = "expired";
    public static final String INVALIDATED = "invalidated";
    /** The credential it was issued to is no longer registered (the fake's choice of code). */
    public static final String CLIENT_REMOVED = "invalid_client";

    static TokenCheck valid(IssuedToken token) {
        return new TokenCheck(Optional.of(token), "", "");
    }

    public static TokenCheck invalid(String code, String reason) {
        return new TokenCheck(Optional.empty(), code, reason);
    }

    public boolean isValid() {
        return token.isPresent();
    }
}

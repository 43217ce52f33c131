package io.github.fakeims.server;

import java.time.Instant;
import java.util.Map;

/**
 * An access token the fake issued, as it is now: its value, IMS-shaped claims, lifetime, and whether
 * it still validates ({@link State}).
 */
public record IssuedAccessToken(String value, String id, String clientId, Map<String, Object> claims,
                                Instant createdAt, Instant expiresAt, State state) {

    /** Whether the token would validate now, and if not, why. */
    public enum State {
        VALID,
        /** Past {@code created_at + expires_in} by the fake's clock. */
        EXPIRED,
        /** Invalidated or revoked by its client. */
        INVALIDATED,
        /** Its credential was removed from the fake. */
        CREDENTIAL_REMOVED
    }

    public IssuedAccessToken {
        claims = Map.copyOf(claims);
    }

    /** The granted scope codes ({@code scope} claim), e.g. {@code openid,AdobeID} or a metascope code. */
    public String scope() {
        return String.valueOf(claims.getOrDefault("scope", ""));
    }

    public boolean isValid() {
        return state == State.VALID;
    }
}

package io.github.fakeims.server;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * An access token the fake issued, as it is now: its value, IMS-shaped claims, lifetime, whether it
 * still validates ({@link State}), and the metascope codes a JWT exchange granted it ({@code metascopes}:
 * real tokens carry OAuth scopes in {@code scope}, so only the fake's record holds them; known for the
 * tokens it still lists, as many as the journal holds, else empty).
 */
public record IssuedAccessToken(String value, String id, String clientId, Map<String, Object> claims,
                                Instant createdAt, Instant expiresAt, State state, Set<String> metascopes) {

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
        metascopes = Set.copyOf(metascopes);
    }

    /** A token without metascopes (OAuth Server-to-Server, or one the fake no longer remembers). */
    public IssuedAccessToken(String value, String id, String clientId, Map<String, Object> claims, Instant createdAt,
                             Instant expiresAt, State state) {
        this(value, id, clientId, claims, createdAt, expiresAt, state, Set.of());
    }

    /** The granted OAuth scopes ({@code scope} claim, comma-separated), e.g. {@code openid,AdobeID,read_organizations}. */
    public String scope() {
        return String.valueOf(claims.getOrDefault("scope", ""));
    }

    public boolean isValid() {
        return state == State.VALID;
    }
}

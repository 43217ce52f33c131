package io.github.fakeims.server.internal.token;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * An access token the fake minted: its compact value, IMS-shaped claims and lifetime, and the metascope
 * codes a JWT exchange granted (real tokens carry OAuth scopes in {@code scope}, so the metascopes live
 * only here; empty when the fake no longer remembers the token, or for OAuth Server-to-Server).
 */
public record IssuedToken(String value, String id, String clientId, Map<String, Object> claims, Instant createdAt, Instant expiresAt,
                          Set<String> metascopes) {

    public IssuedToken {
        claims = Map.copyOf(claims);
        metascopes = Set.copyOf(metascopes);
    }

    public IssuedToken(String value, String id, String clientId, Map<String, Object> claims, Instant createdAt, Instant expiresAt) {
        this(value, id, clientId, claims, createdAt, expiresAt, Set.of());
    }
}

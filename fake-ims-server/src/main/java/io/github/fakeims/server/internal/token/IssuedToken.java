package io.github.fakeims.server.internal.token;

import java.time.Instant;
import java.util.Map;

/** An access token the fake minted: its compact value, IMS-shaped claims and lifetime. */
public record IssuedToken(String value, String id, String clientId, Map<String, Object> claims, Instant createdAt, Instant expiresAt) {

    public IssuedToken {
        claims = Map.copyOf(claims);
    }
}

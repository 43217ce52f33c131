package io.github.fakeims.server.internal.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mints IMS-shaped access tokens (RS256 JWTs without {@code exp}, {@code iat}, {@code iss} or
 * {@code aud}; {@code created_at} and {@code expires_in} as millisecond strings), and tells whether a
 * presented token is one of this server's, unexpired and not invalidated.
 */
public final class AccessTokens {

    public static final String KEY_ID = "fake_ims-key-at-1";

    /**
     * The key that signs access tokens ships in the jar: generating an RSA key costs 100-400 ms, most
     * of a cold start. It is public like everything about this fake; what tells one fake's tokens from
     * another's is the per-instance tag in the token id ({@link TokenIds}), not the key.
     */
    private static final class SharedSigningKey {
        static final RSAKey KEY = load();

        private static RSAKey load() {
            try (InputStream in = AccessTokens.class.getResourceAsStream("access-token-signing-key.jwk.json")) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks the access token signing key");
                }
                return RSAKey.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException | ParseException e) {
                throw new IllegalStateException("cannot read the access token signing key", e);
            }
        }
    }

    private final RSAKey signingKey = SharedSigningKey.KEY;
    private final RSASSASigner signer;
    private final RSASSAVerifier verifier;
    private final Clock clock;
    private final Duration lifetime;
    private final TokenIds ids = new TokenIds();
    private final Set<String> invalidatedIds = ConcurrentHashMap.newKeySet();

    public AccessTokens(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
        try {
            this.signer = new RSASSASigner(signingKey);
            this.verifier = new RSASSAVerifier(signingKey.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("unusable access token signing key", e);
        }
    }

    /** Mints a token for a credential with the granted scope codes. */
    public IssuedToken mint(Credential credential, Collection<String> scope) {
        Instant createdAt = clock.instant();
        String createdAtMillis = Long.toString(createdAt.toEpochMilli());
        String id = ids.next(createdAt.toEpochMilli());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("id", id);
        claims.put("type", "access_token");
        claims.put("client_id", credential.clientId());
        claims.put("user_id", credential.technicalAccountId());
        claims.put("as", "ims-na1");
        claims.put("aa_id", credential.technicalAccountId());
        claims.put("ctp", 3);
        claims.put("org", credential.orgId());
        claims.put("scope", String.join(",", scope));
        claims.put("created_at", createdAtMillis);
        claims.put("expires_in", Long.toString(lifetime.toMillis()));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(KEY_ID)
                .x509CertURL(URI.create(KEY_ID + ".cer"))
                .customParam("itt", "at")
                .build();
        try {
            SignedJWT jwt = new SignedJWT(header, JWTClaimsSet.parse(claims));
            jwt.sign(signer);
            return new IssuedToken(jwt.serialize(), id, credential.clientId(), claims, createdAt, createdAt.plus(lifetime));
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
    }

    /** Whether a presented token was issued here, is unexpired by the server's clock and not invalidated. */
    public TokenCheck check(String token) {
        SignedJWT jwt;
        Map<String, Object> claims;
        try {
            jwt = SignedJWT.parse(token.trim());
            claims = jwt.getPayload().toJSONObject();
        } catch (ParseException e) {
            return TokenCheck.invalid("not a JWT access token: " + e.getMessage());
        }
        try {
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return TokenCheck.invalid("the token's signature is not this fake IMS's (kid " + KEY_ID + ")");
            }
        } catch (JOSEException e) {
            return TokenCheck.invalid("the token's signature cannot be checked: " + e.getMessage());
        }
        Object id = claims.get("id");
        if (!(id instanceof String tokenId) || !ids.issuedHere(tokenId)) {
            return TokenCheck.invalid("the token was not issued by this fake IMS instance");
        }
        if (invalidatedIds.contains(tokenId)) {
            return TokenCheck.invalid("the token was invalidated");
        }
        Instant createdAt = Instant.ofEpochMilli(Long.parseLong((String) claims.get("created_at")));
        Instant expiresAt = createdAt.plusMillis(Long.parseLong((String) claims.get("expires_in")));
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt)) {
            return TokenCheck.invalid("the token expired at " + expiresAt + " (the fake's clock says " + now + ")");
        }
        return TokenCheck.valid(new IssuedToken(token.trim(), tokenId, (String) claims.get("client_id"), claims, createdAt, expiresAt));
    }

    public void invalidate(String tokenId) {
        invalidatedIds.add(tokenId);
    }

    /** The public signing key as a JWK set, for {@code /ims/keys}. */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey.toPublicJWK());
    }

    public Duration lifetime() {
        return lifetime;
    }
}

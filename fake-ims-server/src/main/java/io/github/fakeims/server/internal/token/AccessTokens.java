package io.github.fakeims.server.internal.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.Grant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
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
     * The header of real access tokens, {@code alg} first, with the fake's key id: parsed from ordered
     * JSON once, so it serialises in that order (nimbus's own header objects reorder members).
     */
    private static final JWSHeader HEADER = orderedHeader();

    private static JWSHeader orderedHeader() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("x5u", KEY_ID + ".cer");
        header.put("kid", KEY_ID);
        header.put("itt", "at");
        try {
            return JWSHeader.parse(Base64URL.encode(JSONObjectUtils.toJSONString(header)));
        } catch (ParseException e) {
            throw new IllegalStateException("the access token header does not parse", e);
        }
    }

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
    /** Replaced on reset, so every token issued before is refused as if another IMS had issued it. */
    private volatile TokenIds ids = new TokenIds();
    private final Set<String> invalidatedIds = ConcurrentHashMap.newKeySet();
    private final RecentTokens recent;

    /** @param remembered how many recently issued tokens to keep for listing */
    public AccessTokens(Clock clock, Duration lifetime, int remembered) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.recent = new RecentTokens(remembered);
        try {
            this.signer = new RSASSASigner(signingKey);
            this.verifier = new RSASSAVerifier(signingKey.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("unusable access token signing key", e);
        }
    }

    /**
     * Mints a token for a credential: {@code scope} holds OAuth scopes for both grants (real
     * technical-account tokens never carry metascope codes there); the metascopes a JWT exchange granted
     * stay in the token's record. Claims and header in the order of real tokens (ims-evidence.md §F):
     * {@code id} first, then {@code org} (OAuth Server-to-Server only: JWT-era tokens have none and carry
     * {@code fg}), every token a {@code moi}.
     */
    public IssuedToken mint(Credential credential, Grant grant, Collection<String> scope, Set<String> metascopes) {
        // Milliseconds, as the created_at claim: the token's record and its claims must agree.
        Instant createdAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        boolean jwtEra = grant == Grant.JWT_EXCHANGE;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("id", null); // first, as in real tokens; set once the other claims are known
        if (!jwtEra) {
            claims.put("org", credential.orgId());
        }
        claims.put("type", "access_token");
        claims.put("client_id", credential.clientId());
        claims.put("user_id", credential.technicalAccountId());
        claims.put("as", "ims-na1");
        claims.put("aa_id", credential.technicalAccountId());
        claims.put("ctp", jwtEra ? 0 : 3);
        if (jwtEra) {
            claims.put("fg", TokenIds.fg());
        }
        claims.put("moi", TokenIds.moi());
        claims.put("expires_in", Long.toString(lifetime.toMillis()));
        if (jwtEra) {
            claims.put("created_at", Long.toString(createdAt.toEpochMilli()));
            claims.put("scope", String.join(",", scope));
        } else {
            claims.put("scope", String.join(",", scope));
            claims.put("created_at", Long.toString(createdAt.toEpochMilli()));
        }
        String id = ids.next(createdAt.toEpochMilli(), boundClaims(claims));
        claims.put("id", id);
        try {
            // The claims as ordered JSON too, not through JWTClaimsSet, whose map reorders them.
            JWSObject jws = new JWSObject(HEADER, new Payload(JSONObjectUtils.toJSONString(claims)));
            jws.sign(signer);
            IssuedToken token = new IssuedToken(jws.serialize(), id, credential.clientId(), claims, createdAt, createdAt.plus(lifetime),
                    metascopes);
            recent.add(token);
            return token;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
    }

    /** The metascopes a JWT exchange granted a token, while the fake still remembers it ({@link #recent()}). */
    public Set<String> metascopesOf(String tokenId) {
        return recent.byId(tokenId).map(IssuedToken::metascopes).orElse(Set.of());
    }

    /** Whether a presented token was issued here, unaltered, unexpired by the server's clock and not invalidated. */
    public TokenCheck check(String token) {
        TokenCheck identified = identify(token);
        if (!identified.isValid()) {
            return identified;
        }
        IssuedToken issued = identified.token().orElseThrow();
        if (isInvalidated(issued)) {
            return TokenCheck.invalid(TokenCheck.INVALIDATED, "the token was invalidated");
        }
        Instant now = clock.instant();
        if (!now.isBefore(issued.expiresAt())) {
            return TokenCheck.invalid(TokenCheck.EXPIRED, "the token expired at " + issued.expiresAt() + " (the fake's clock says " + now + ")");
        }
        return identified;
    }

    /** Whether this instance issued the token (since its last reset) and it is unaltered, whatever its state. */
    public TokenCheck identify(String token) {
        String compact = token.strip();
        Map<String, Object> claims;
        try {
            SignedJWT jwt = SignedJWT.parse(compact);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return TokenCheck.invalid(TokenCheck.BAD_SIGNATURE, "the token's signature is not this fake IMS's (kid " + KEY_ID + ")");
            }
            claims = jwt.getPayload().toJSONObject();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return TokenCheck.invalid(TokenCheck.BAD_SIGNATURE, "not a JWT access token of this fake IMS: " + e.getMessage());
        }
        // The signing key is public, so the claims are trusted only when the id's tag binds them.
        if (claims == null || !(claims.get("id") instanceof String tokenId) || !(claims.get("created_at") instanceof String createdAtText)
                || !ids.issuedHere(tokenId, boundClaims(claims))) {
            return TokenCheck.invalid(TokenCheck.BAD_SIGNATURE, "the token was not issued by this fake IMS instance (or was issued before its last reset), or was altered");
        }
        Instant createdAt = Instant.ofEpochMilli(Long.parseLong(createdAtText));
        Instant expiresAt = createdAt.plusMillis(Long.parseLong((String) claims.get("expires_in")));
        return TokenCheck.valid(new IssuedToken(compact, tokenId, (String) claims.get("client_id"), claims, createdAt, expiresAt,
                metascopesOf(tokenId)));
    }

    public boolean isInvalidated(IssuedToken token) {
        return invalidatedIds.contains(token.id());
    }

    /** The most recently issued tokens, oldest first. */
    public List<IssuedToken> recent() {
        return recent.list();
    }

    /** Forgets every token issued: from now on they are refused. */
    public void reset() {
        ids = new TokenIds();
        invalidatedIds.clear();
        recent.clear();
    }

    /**
     * The claims the id's tag covers: everything a client or API relies on. Any other claim type or
     * value than the minted one changes this text, so the tag no longer matches.
     */
    private static String boundClaims(Map<String, Object> claims) {
        StringBuilder bound = new StringBuilder();
        for (String name : new String[] {"type", "client_id", "user_id", "aa_id", "org", "scope", "created_at", "expires_in"}) {
            Object value = claims.get(name);
            bound.append(name).append('=').append(value == null ? "" : value.getClass().getSimpleName() + ":" + value).append('\n');
        }
        return bound.toString();
    }

    public void invalidate(String tokenId) {
        invalidatedIds.add(tokenId);
    }

    /** The public signing key as a JWK set, for {@code /ims/keys}. */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey.toPublicJWK());
    }

    /**
     * What {@code expires_in} reports: the time remaining, as real IMS does (86399993 ms, 86399 s), counting
     * the millisecond being answered in as spent, so even a fixed clock reports a little under the lifetime.
     */
    public Duration remaining(IssuedToken token) {
        Duration left = Duration.between(clock.instant(), token.expiresAt()).minusMillis(1);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public Duration lifetime() {
        return lifetime;
    }
}

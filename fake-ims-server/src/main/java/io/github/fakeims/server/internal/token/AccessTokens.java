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
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
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
import java.util.Optional;
import java.util.Set;

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
        /** Made once, not per fake: turning the JWK into a private key is a fifth of a fake's start. Both are thread-safe. */
        static final RSASSASigner SIGNER;
        static final RSASSAVerifier VERIFIER;

        static {
            try {
                SIGNER = new RSASSASigner(KEY);
                VERIFIER = new RSASSAVerifier(KEY.toRSAPublicKey());
            } catch (JOSEException e) {
                throw new IllegalStateException("unusable access token signing key", e);
            }
        }

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
    private final RSASSASigner signer = SharedSigningKey.SIGNER;
    private final RSASSAVerifier verifier = SharedSigningKey.VERIFIER;
    /** The last instant a token can be minted at: {@code created_at} is milliseconds, and IMS-era dates end here. */
    private static final Instant LAST_MINT = Instant.parse("9999-12-31T23:59:59Z");
    private static final String BLANK_ID = "\"id\":\"\"";

    /** Everything a reset replaces, swapped in one write so that no request sees half of it. */
    private record State(TokenIds ids, InvalidatedTokens invalidated, RecentTokens recent) {
    }

    private final Clock clock;
    private final Duration lifetime;
    private final int remembered;
    private final Optional<String> tokenSecret;
    private volatile State state;

    /**
     * @param remembered  how many recently issued tokens to keep for listing
     * @param tokenSecret the secret that keys token ids; none: a random one per start and per reset
     */
    public AccessTokens(Clock clock, Duration lifetime, int remembered, Optional<String> tokenSecret) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.remembered = remembered;
        this.tokenSecret = tokenSecret;
        this.state = freshState();
    }

    private State freshState() {
        return new State(tokenSecret.map(TokenIds::keyedWith).orElseGet(TokenIds::random), new InvalidatedTokens(),
                new RecentTokens(remembered));
    }

    private boolean expiryRepresentable(Instant createdAt) {
        try {
            createdAt.plus(lifetime).toEpochMilli();
            return true;
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return false;
        }
    }

    /**
     * Mints a token for a credential: {@code scope} holds OAuth scopes for both grants (real
     * technical-account tokens never carry metascope codes there); the metascopes a JWT exchange granted
     * stay in the token's record. Claims and header in the order of real tokens (ims-evidence.md §F):
     * {@code id} first, then {@code org} (OAuth Server-to-Server only: JWT-era tokens have none and carry
     * {@code fg}), every token a {@code moi}.
     *
     * @throws ImsRejection when the fake's clock is where a token's times cannot be written
     */
    public IssuedToken mint(Credential credential, Grant grant, Collection<String> scope, Set<String> metascopes) throws ImsRejection {
        Instant now = clock.instant();
        if (now.isAfter(LAST_MINT) || now.isBefore(Instant.EPOCH) || !expiryRepresentable(now)) {
            throw new ImsRejection(ImsError.badRequest("the fake's clock reads " + now + ": a token's created_at and expiry "
                    + "are written between 1970 and " + LAST_MINT + "; fix the clock in that range or reset it"));
        }
        // Milliseconds, as the created_at claim: the token's record and its claims must agree.
        Instant createdAt = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        boolean jwtEra = grant == Grant.JWT_EXCHANGE;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("id", ""); // first, as in real tokens; blank while the tag is made: the tag covers the rest of the exact text
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
        State current = state;
        String id = current.ids().next(createdAt.toEpochMilli(), HEADER.toBase64URL() + "." + JSONObjectUtils.toJSONString(claims));
        claims.put("id", id); // keeps its place: the text differs from the tagged one in the id's value only
        try {
            // The payload is exactly this ordered text (not through JWTClaimsSet, whose map reorders it), so that
            // the tag can be checked on the bytes a client presents.
            JWSObject jws = new JWSObject(HEADER, new Payload(JSONObjectUtils.toJSONString(claims)));
            jws.sign(signer);
            IssuedToken token = new IssuedToken(jws.serialize(), id, credential.clientId(), claims, createdAt, createdAt.plus(lifetime),
                    metascopes);
            current.recent().add(token);
            return token;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
    }

    /** The metascopes a JWT exchange granted a token, while the fake still remembers it ({@link #recent()}). */
    public Set<String> metascopesOf(String tokenId) {
        return state.recent().byId(tokenId).map(IssuedToken::metascopes).orElse(Set.of());
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

    /**
     * Whether a holder of this instance's token secret issued the token (with a random secret: this
     * instance, since its last reset) and it is unaltered, whatever its state. Fails closed: anything
     * thrown while reading it, {@link Error}s included, makes it not this fake's.
     */
    public TokenCheck identify(String token) {
        String compact = token.strip();
        try {
            JWSObject jwt = JWSObject.parse(compact);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return TokenCheck.invalid(TokenCheck.BAD_SIGNATURE, "the token's signature is not this fake IMS's (kid " + KEY_ID + ")");
            }
            Base64URL[] parts = jwt.getParsedParts();
            String payload = parts[1].decodeToString();
            Map<String, Object> claims = JSONObjectUtils.parse(payload);
            // The signing key is public, so the token is trusted only when the id's tag covers its exact text.
            String tokenId = claims.get("id") instanceof String id ? id : null;
            String blanked = tokenId == null ? null : blankId(payload, tokenId);
            if (blanked == null || !state.ids().issuedHere(tokenId, parts[0] + "." + blanked)) {
                return TokenCheck.invalid(TokenCheck.BAD_SIGNATURE, "the token was not issued by this fake IMS instance (nor one"
                        + " sharing its tokenSecret), or was issued before its last reset, or was altered");
            }
            Instant createdAt = Instant.ofEpochMilli(Long.parseLong(String.valueOf(claims.get("created_at"))));
            Instant expiresAt = createdAt.plusMillis(Long.parseLong(String.valueOf(claims.get("expires_in"))));
            return TokenCheck.valid(new IssuedToken(compact, tokenId, (String) claims.get("client_id"), claims, createdAt, expiresAt,
                    metascopesOf(tokenId)));
        } catch (ParseException | JOSEException | RuntimeException | Error e) {
            return TokenCheck.invalid(TokenCheck.BAD_SIGNATURE, "not a JWT access token of this fake IMS: " + ImsError.describe(e));
        }
    }

    /** The payload text with its one {@code "id":"<id>"} blanked, as it was when tagged; null unless there is exactly one. */
    private static String blankId(String payload, String id) {
        String member = "\"id\":\"" + id + "\"";
        int at = payload.indexOf(member);
        if (at < 0 || payload.indexOf(member, at + 1) >= 0) {
            return null;
        }
        return payload.substring(0, at) + BLANK_ID + payload.substring(at + member.length());
    }

    public boolean isInvalidated(IssuedToken token) {
        return state.invalidated().contains(token.id());
    }

    /** The most recently issued tokens, oldest first. */
    public List<IssuedToken> recent() {
        return state.recent().list();
    }

    /**
     * Forgets every token issued, every invalidation and the issued-token list, in one swap. With a
     * random secret a new one is drawn, so tokens issued before are refused; with a configured
     * {@code tokenSecret} they stay valid (replicas sharing it cannot all forget at once).
     */
    public void reset() {
        state = freshState();
    }

    /** Invalidates a token this fake issued until it expires; refused when too many are invalidated already. */
    public void invalidate(String tokenId) throws ImsRejection {
        Instant createdAt = Instant.ofEpochMilli(Long.parseLong(tokenId.substring(0, tokenId.indexOf('_'))));
        if (!state.invalidated().add(tokenId, createdAt.plus(lifetime), clock.instant())) {
            throw new ImsRejection(new ImsError(429, "too_many_requests", "Too many tokens are invalidated.",
                    "the fake remembers at most " + InvalidatedTokens.MAX + " invalidated unexpired tokens; reset it, or let some expire"));
        }
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

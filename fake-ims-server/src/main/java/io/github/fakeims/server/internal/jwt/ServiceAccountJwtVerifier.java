package io.github.fakeims.server.internal.jwt;

import static io.github.fakeims.server.internal.jwt.ClaimChecks.SKEW_SECONDS;
import static io.github.fakeims.server.internal.jwt.ClaimChecks.checkAlgorithm;
import static io.github.fakeims.server.internal.jwt.ClaimChecks.audienceBase;
import static io.github.fakeims.server.internal.jwt.ClaimChecks.checkAudience;
import static io.github.fakeims.server.internal.jwt.ClaimChecks.checkBinding;
import static io.github.fakeims.server.internal.jwt.ClaimChecks.checkIssuer;
import static io.github.fakeims.server.internal.jwt.ClaimChecks.checkMetascopes;
import static io.github.fakeims.server.internal.jwt.ClaimChecks.checkSignature;
import static io.github.fakeims.server.internal.jwt.ClaimChecks.checkSubject;
import static io.github.fakeims.server.internal.jwt.ClaimChecks.checkTime;
import static io.github.fakeims.server.internal.jwt.ClaimChecks.describe;
import static io.github.fakeims.server.internal.jwt.ClaimChecks.reject;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.internal.http.Blanks;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies IMS's rules for a Service Account JWT ({@code jwt_token} of {@code /ims/exchange/jwt}):
 * RS256 signed by a certificate registered on the credential and valid now, {@code iss}/{@code sub}
 * bound to the credential, {@code aud} naming an accepted IMS base and the client, {@code exp} not
 * more than 30 s past, metascopes a non-empty subset of the credential's, and {@code jti} when
 * required. Signatures are verified by nimbus-jose-jwt's {@link DefaultJWTProcessor}.
 */
public final class ServiceAccountJwtVerifier {

    private static final long MAX_EPOCH_SECONDS = 253402300799L; // 9999-12-31T23:59:59Z
    /** 2001-09-09 in milliseconds: below this a number past year 9999 in seconds is no plausible time in ms either. */
    private static final long MIN_EPOCH_MILLIS = 1_000_000_000_000L;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    private final Clock clock;
    private final JtiRegistry jtis = new JtiRegistry();

    public ServiceAccountJwtVerifier(Clock clock) {
        this.clock = clock;
    }

    /** Parses a {@code jwt_token}: anything but a well-formed signed JWT with integer times is rejected here. */
    public SignedJWT parse(String token) throws ImsRejection {
        String compact = Blanks.strip(token); // copy-and-paste slack; control characters are not forgiven
        String syntaxProblem = compactSyntaxProblem(compact);
        if (syntaxProblem != null) {
            throw reject(ImsError.malformedJwt(syntaxProblem));
        }
        JWT jwt;
        try {
            String jsonProblem = decodedJsonProblem(compact);
            if (jsonProblem != null) {
                throw reject(ImsError.malformedJwt(jsonProblem));
            }
            jwt = JWTParser.parse(compact);
        } catch (ParseException | RuntimeException | Error e) {
            // an Error too: a library that cannot read the token (deep nesting, another nimbus version) rejects it
            if (hasEmptySignature(compact)) {
                // IMS answers a null signature part as a format error (ServiceNow KB1001921).
                throw reject(ImsError.malformedJwt("the JWT has no signature (header.payload. with nothing after the last dot); "
                        + "sign it with RS256 and the private key of a registered certificate"));
            }
            throw reject(ImsError.malformedJwt("jwt_token is not a compact JWT (header.payload.signature): " + ImsError.describe(e)));
        }
        if (jwt instanceof PlainJWT) {
            throw reject(ImsError.noBinding("the JWT header says alg none: IMS never accepts an unsigned JWT; sign it with RS256"));
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            throw reject(ImsError.malformedJwt("jwt_token is an encrypted JWT (JWE); IMS expects a JWS signed with RS256"));
        }
        Map<String, Object> payload;
        try {
            payload = claimsOf(signed).payload();
        } catch (RuntimeException | Error e) {
            // an Error too: a payload no library version reads is a rejection, never an acceptance
            throw reject(ImsError.malformedJwt("the JWT payload is not a valid claims set: " + ImsError.describe(e)));
        }
        if (signed.getHeader().getIncludedParams().contains("crit") || rawHeaderHasCrit(signed)) {
            Set<String> critical = signed.getHeader().getCriticalParams();
            if (critical == null || critical.isEmpty()) {
                throw reject(ImsError.noBinding("the JWT header has an empty crit; RFC 7515 forbids it (crit lists the extensions"
                        + " a recipient must understand, and is left out when there are none)"));
            }
        }
        if (payload.get("exp") == null) {
            throw reject(ImsError.malformedJwt("the exp claim is missing; IMS requires it (integer seconds since the epoch)"));
        }
        checkEpochSeconds(payload, "exp");
        checkEpochSeconds(payload, "nbf");
        return signed;
    }

    /** JSON nested deeper than this is refused by the fake itself, whatever the JSON library on the class path would do. */
    static final int MAX_JSON_DEPTH = 32;

    /**
     * What the fake refuses in the decoded header and payload before any library reads them, so that the
     * answer does not depend on the nimbus-jose-jwt version a build resolves: a UTF-8 byte order mark
     * (JSON exchanged between systems must not start with one, RFC 8259), and nesting deeper than
     * {@link #MAX_JSON_DEPTH} (an older nimbus reads 100,000 levels and accepts the JWT, a newer one refuses it).
     */
    private static String decodedJsonProblem(String compact) {
        String[] segments = compact.split("\\.", -1);
        for (int i = 0; i < 2 && i < segments.length; i++) {
            String part = i == 0 ? "header" : "payload";
            byte[] decoded = Base64URL.from(segments[i]).decode();
            if (decoded.length >= 3 && (decoded[0] & 0xFF) == 0xEF && (decoded[1] & 0xFF) == 0xBB && (decoded[2] & 0xFF) == 0xBF) {
                return "the JWT " + part + " starts with a UTF-8 byte order mark; the JSON must start with {";
            }
            if (nestingDepth(decoded) > MAX_JSON_DEPTH) {
                return "the JWT " + part + " is JSON nested more than " + MAX_JSON_DEPTH + " levels deep; IMS claims are flat";
            }
        }
        return null;
    }

    /** The deepest nesting of objects and arrays in a JSON text (brackets inside strings do not count). */
    private static int nestingDepth(byte[] json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte c = json[i];
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return deepest;
    }

    private static boolean rawHeaderHasCrit(SignedJWT jwt) {
        try {
            return JSONObjectUtils.parse(jwt.getHeader().getParsedBase64URL().decodeToString()).containsKey("crit");
        } catch (ParseException e) {
            return false; // nimbus parsed it already
        }
    }

    /**
     * {@code exp} and {@code nbf}, when present, are whole seconds between 1970 and 9999 (larger ones
     * overflow as dates), or milliseconds in that range: IMS accepted {@code exp} in ms from Adobe's own
     * PDF Services SDK for three years.
     */
    private static void checkEpochSeconds(Map<String, Object> payload, String claim) throws ImsRejection {
        Object value = payload.get(claim);
        if (value == null) {
            return;
        }
        if (!(value instanceof Long || value instanceof Integer)) {
            throw reject(ImsError.malformedJwt("the " + claim + " claim is " + describe(value)
                    + "; IMS requires an integer number of seconds since the epoch"));
        }
        long seconds = ((Number) value).longValue();
        if (seconds < 0 || (seconds > MAX_EPOCH_SECONDS && !inMilliseconds(value)) || seconds > MAX_EPOCH_SECONDS * 1000 + 999) {
            throw reject(ImsError.malformedJwt("the " + claim + " claim " + seconds
                    + " is not a plausible time in seconds (or milliseconds) since the epoch"));
        }
    }

    /** Whether a time claim is in milliseconds: past year 9999 as seconds, after 2001 as milliseconds. */
    private static boolean inMilliseconds(Object value) {
        return (value instanceof Long || value instanceof Integer) && ((Number) value).longValue() >= MIN_EPOCH_MILLIS;
    }

    /**
     * What IMS tolerates that nimbus's claims set does not, made explicit: an integer {@code jti} (the
     * documented type) and {@code exp} / {@code nbf} in milliseconds. The claims come back normalised
     * (jti a string, times in seconds) with a warning per tolerance, for the journal and reason header.
     */
    private record Claims(JWTClaimsSet claims, Map<String, Object> payload, List<String> warnings) {
    }

    private static Claims claimsOf(SignedJWT jwt) throws ImsRejection {
        Map<String, Object> payload;
        try {
            payload = jwt.getPayload().toJSONObject();
        } catch (RuntimeException | Error e) {
            throw reject(ImsError.malformedJwt("the JWT payload is not a valid claims set: " + ImsError.describe(e)));
        }
        if (payload == null) {
            throw reject(ImsError.malformedJwt("the JWT payload is not a valid claims set: not a JSON object, or it names a claim twice"));
        }
        Map<String, Object> normalized = new LinkedHashMap<>(payload);
        List<String> warnings = new ArrayList<>();
        Object jti = payload.get("jti");
        if (jti instanceof Long || jti instanceof Integer) {
            normalized.put("jti", jti.toString());
        }
        for (String claim : List.of("exp", "nbf")) {
            Object value = payload.get(claim);
            if (inMilliseconds(value)) {
                long millis = ((Number) value).longValue();
                normalized.put(claim, millis / 1000);
                warnings.add("warning: " + claim + " " + millis + " is in milliseconds, not seconds (read as "
                        + Instant.ofEpochMilli(millis) + "); IMS accepts it, other verifiers may not");
            }
        }
        try {
            return new Claims(JWTClaimsSet.parse(normalized), payload, List.copyOf(warnings));
        } catch (ParseException | RuntimeException e) {
            throw reject(ImsError.malformedJwt("the JWT payload is not a valid claims set: " + e.getMessage()));
        }
    }

    /**
     * A compact JWS is three base64url segments without padding: nimbus's decoder is lenient (padding,
     * the standard alphabet, stray characters), IMS's is not, so the syntax is checked first.
     */
    private static String compactSyntaxProblem(String compact) {
        String[] segments = compact.split("\\.", -1);
        if (segments.length != 3 && segments.length != 5) {
            return "jwt_token is not a compact JWT: it has " + segments.length
                    + " dot-separated part(s), a signed JWT has three (header.payload.signature)";
        }
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (!BASE64URL.matcher(segment).matches() || segment.length() % 4 == 1) {
                return "jwt_token is not a compact JWT: part " + (i + 1) + " is not unpadded base64url (A-Z a-z 0-9 - _ only)";
            }
        }
        return null;
    }

    /** Forgets every {@code jti} used. */
    public void reset() {
        jtis.clear();
    }

    /** Checks a parsed JWT against the credential the client authenticated as, and records its {@code jti}. */
    public ServiceAccountAssertion verify(SignedJWT jwt, Credential credential, String formClientId, Set<String> acceptedBases)
            throws ImsRejection {
        return verify(jwt, credential, formClientId, acceptedBases, true);
    }

    /**
     * Checks a parsed JWT against a credential.
     *
     * @param useJti whether an accepted JWT's {@code jti} counts as used (false for a dry run that issues nothing)
     */
    public ServiceAccountAssertion verify(SignedJWT jwt, Credential credential, String formClientId, Set<String> acceptedBases,
                                          boolean useJti) throws ImsRejection {
        try {
            return verifyChecked(jwt, credential, formClientId, acceptedBases, useJti);
        } catch (RuntimeException | Error e) {
            // Fails closed: whatever a library throws while checking (a LinkageError from another nimbus
            // version, a StackOverflowError from hostile nesting) is a rejection, never an acceptance.
            throw reject(ImsError.noBinding("the JWT could not be verified (" + ImsError.describe(e) + "), so it is refused"));
        }
    }

    private ServiceAccountAssertion verifyChecked(SignedJWT jwt, Credential credential, String formClientId,
                                                  Set<String> acceptedBases, boolean useJti) throws ImsRejection {
        checkAlgorithm(jwt);
        Claims parsed = claimsOf(jwt);
        JWTClaimsSet claims = parsed.claims();
        String audienceBase = checkAudience(claims, formClientId, acceptedBases);
        Instant now = clock.instant();
        checkSignature(jwt, credential, now);
        checkBinding(claims, credential);
        checkTime(claims, now);
        Set<String> metascopes = checkMetascopes(jwt, credential, audienceBase);
        if (useJti) {
            checkJti(claims, credential, now);
        }
        return new ServiceAccountAssertion(credential, claims, metascopes, parsed.warnings());
    }

    /**
     * Every problem IMS would find with a JWT for {@code credential}, not just the first: for tools that
     * tell a developer all that is wrong at once. Empty when the exchange would accept it (the
     * {@code jti} rule aside: it depends on what was used before). Nothing is recorded.
     */
    public List<ImsError> problems(String token, Credential credential, Set<String> acceptedBases) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = parse(token);
            claims = claimsOf(jwt).claims();
        } catch (ImsRejection rejection) {
            return List.of(rejection.error()); // nothing more can be read
        }
        Instant now = clock.instant();
        List<ImsError> problems = new ArrayList<>();
        collect(problems, () -> checkAlgorithm(jwt));
        collect(problems, () -> checkAudience(claims, credential.clientId(), acceptedBases));
        collect(problems, () -> checkSignature(jwt, credential, now));
        collect(problems, () -> checkIssuer(claims, credential));
        collect(problems, () -> checkSubject(claims, credential));
        collect(problems, () -> checkTime(claims, now));
        // With a broken aud, metascope keys are still checked against the first accepted base.
        String base = audienceBase(claims).orElse(acceptedBases.iterator().next());
        collect(problems, () -> checkMetascopes(jwt, credential, base));
        return List.copyOf(problems);
    }

    private interface Check {
        void run() throws ImsRejection;
    }

    private static void collect(List<ImsError> problems, Check check) {
        try {
            check.run();
        } catch (ImsRejection rejection) {
            problems.add(rejection.error());
        }
    }

    private void checkJti(JWTClaimsSet claims, Credential credential, Instant now) throws ImsRejection {
        if (!credential.jtiRequired()) {
            return;
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw reject(ImsError.jti("client_id " + credential.clientId() + " requires a jti claim, and the JWT has none"));
        }
        if (jti.length() > JtiRegistry.MAX_JTI_CHARS) {
            throw reject(ImsError.jti("the jti is " + jti.length() + " characters; the fake remembers jtis of at most "
                    + JtiRegistry.MAX_JTI_CHARS + " (a UUID is 36)"));
        }
        Instant keepUntil = claims.getExpirationTime().toInstant().plusSeconds(SKEW_SECONDS + 1);
        if (jtis.isFull(now)) {
            throw new ImsRejection(new ImsError(429, "too_many_requests", "Too many JWTs are live.",
                    "the fake remembers at most " + JtiRegistry.MAX_LIVE_JTIS + " unexpired jtis at once; wait for some JWTs to expire"
                            + " (or reset the fake)"));
        }
        if (!jtis.firstUse(credential.clientId(), jti, keepUntil, now)) {
            throw reject(ImsError.jti("jti " + jti + " was already used by client_id " + credential.clientId()
                    + " in a JWT that has not expired; every JWT needs a fresh jti"));
        }
    }

    /** Three parts, the last empty: a signed JWT stripped of its signature, not a formatting slip. */
    private static boolean hasEmptySignature(String token) {
        return token.endsWith(".") && token.chars().filter(c -> c == '.').count() == 2;
    }


}

package io.github.fakeims.junit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.JwtVerification;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a Service Account JWT, e.g. one your production code builds. Obtain one from
 * {@link FakeImsAssertions#assertThatJwt(String)}.
 */
public final class ServiceAccountJwtAssert extends AbstractAssert<ServiceAccountJwtAssert, String> {

    private static final String METASCOPE_MARKER = "/s/";

    /** The claims when they come decoded (from the journal, which keeps no signature); else null. */
    private final Map<String, Object> decodedClaims;

    private Clock clock = Clock.systemUTC();

    ServiceAccountJwtAssert(String jwt) {
        super(jwt, ServiceAccountJwtAssert.class);
        this.decodedClaims = null;
    }

    ServiceAccountJwtAssert(String description, Map<String, Object> claims) {
        super(description, ServiceAccountJwtAssert.class);
        this.decodedClaims = claims;
    }

    /** Time-based checks read {@code fake}'s clock from here on (default the system clock), so they agree with the fake after the test moves it. */
    public ServiceAccountJwtAssert usingClockOf(FakeIms fake) {
        this.clock = fake.clock().asClock();
        return this;
    }

    public ServiceAccountJwtAssert hasIssuer(String orgId) {
        return hasClaim("iss", orgId, claims().getIssuer());
    }

    public ServiceAccountJwtAssert hasSubject(String technicalAccountId) {
        return hasClaim("sub", technicalAccountId, claims().getSubject());
    }

    /** {@code aud} is exactly {@code audience}, e.g. {@code https://ims-na1.adobelogin.com/c/<client id>}. */
    public ServiceAccountJwtAssert hasAudience(String audience) {
        List<String> actualAudience = claims().getAudience();
        if (!actualAudience.equals(List.of(audience))) {
            failWithMessage("Expecting the JWT's aud to be%n  %s%nbut it was%n  %s", audience, describe(actualAudience));
        }
        return this;
    }

    /** {@code aud} is one value, {@code <any IMS base URL>/c/<clientId>}. */
    public ServiceAccountJwtAssert hasAudienceFor(String clientId) {
        List<String> actualAudience = claims().getAudience();
        if (actualAudience.size() != 1 || !actualAudience.get(0).endsWith("/c/" + clientId)) {
            failWithMessage("Expecting the JWT's aud to be one value <IMS base URL>/c/%s%nbut it was%n  %s", clientId,
                    describe(actualAudience));
        }
        return this;
    }

    /** A claim {@code "<IMS base URL>/s/<code>": true}. */
    public ServiceAccountJwtAssert hasMetascope(String code) {
        String wanted = code.startsWith(METASCOPE_MARKER) ? code.substring(3) : code;
        Map<String, Object> payload = payload();
        boolean found = payload.entrySet().stream().anyMatch(claim -> claim.getKey().endsWith(METASCOPE_MARKER + wanted)
                && Boolean.TRUE.equals(claim.getValue()));
        if (!found) {
            failWithMessage("Expecting the JWT to carry the metascope claim \"<IMS base URL>/s/%s\": true%nbut its metascope claims were%n  %s",
                    wanted, metascopeClaims(payload));
        }
        return this;
    }

    /**
     * {@code exp} is in the future, and no further than {@code maximum} from now: by the system clock, or the
     * fake's after {@link #usingClockOf}; {@link #isAcceptedBy} uses the fake's clock anyway.
     */
    public ServiceAccountJwtAssert expiresWithin(Duration maximum) {
        Object exp = payload().get("exp");
        if (!(exp instanceof Number seconds)) {
            failWithMessage("Expecting the JWT to have an exp claim in seconds since the epoch, but it was %s", exp);
            return this;
        }
        Instant expiry = Instant.ofEpochSecond(seconds.longValue());
        Instant now = clock.instant();
        if (!expiry.isAfter(now) || expiry.isAfter(now.plus(maximum))) {
            failWithMessage("Expecting the JWT to expire within %s from now (%s)%nbut exp was %s (%s)", maximum, now,
                    seconds, expiry);
        }
        return this;
    }

    /** The signature is RS256 and verifies with the certificate's public key. */
    public ServiceAccountJwtAssert isSignedBy(X509Certificate certificate) {
        SignedJWT jwt = parsed();
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        boolean verified;
        try {
            verified = JWSAlgorithm.RS256.equals(alg)
                    && jwt.verify(new RSASSAVerifier((RSAPublicKey) certificate.getPublicKey()));
        } catch (JOSEException | ClassCastException e) {
            verified = false;
        }
        if (!verified) {
            failWithMessage("Expecting the JWT to be RS256-signed by the key of%n  %s%nbut its alg is %s and the signature does not verify with that key",
                    certificate.getSubjectX500Principal().getName(), alg);
        }
        return this;
    }

    /** The fake IMS would exchange this JWT for {@code credential} (every rule but the secret; nothing is issued). */
    public ServiceAccountJwtAssert isAcceptedBy(FakeIms fake, DeveloperCredential credential) {
        return isAcceptedBy(fake, credential.clientId());
    }

    public ServiceAccountJwtAssert isAcceptedBy(FakeIms fake, String clientId) {
        parsed();
        JwtVerification verification = fake.verifyServiceAccountJwt(actual, clientId);
        if (!verification.accepted()) {
            failWithMessage("Expecting the fake IMS to accept the JWT for client_id %s%nbut it answered %s %s (%s)%nbecause %s",
                    clientId, verification.status(), verification.error(), verification.errorDescription(), verification.reason());
        }
        return this;
    }

    /** The fake IMS would refuse this JWT for {@code credential} with the IMS error code {@code error}. */
    public ServiceAccountJwtAssert isRejectedBy(FakeIms fake, DeveloperCredential credential, String error) {
        parsed();
        JwtVerification verification = fake.verifyServiceAccountJwt(actual, credential.clientId());
        if (verification.accepted() || !verification.error().equals(error)) {
            failWithMessage("Expecting the fake IMS to refuse the JWT for client_id %s with %s%nbut it %s",
                    credential.clientId(), error, verification.accepted() ? "accepted it" : "answered " + verification);
        }
        return this;
    }

    private ServiceAccountJwtAssert hasClaim(String name, String expected, String actualValue) {
        if (!expected.equals(actualValue)) {
            failWithMessage("Expecting the JWT's %s to be%n  %s%nbut it was%n  %s", name, expected, actualValue);
        }
        return this;
    }

    private SignedJWT parsed() {
        isNotNull();
        if (decodedClaims != null) {
            failWithMessage("%s: the journal keeps a JWT's claims, not its signature; check signatures on the JWT your code built", actual);
        }
        try {
            return SignedJWT.parse(actual.trim());
        } catch (ParseException e) {
            failWithMessage("Expecting a compact signed JWT (header.payload.signature) but it cannot be parsed: %s%n  %s",
                    e.getMessage(), actual);
            throw new IllegalStateException("unreachable");
        }
    }

    private JWTClaimsSet claims() {
        try {
            return decodedClaims != null ? JWTClaimsSet.parse(decodedClaims) : parsed().getJWTClaimsSet();
        } catch (ParseException e) {
            failWithMessage("Expecting the JWT payload to be a claims set but: %s", e.getMessage());
            throw new IllegalStateException("unreachable");
        }
    }

    private Map<String, Object> payload() {
        return decodedClaims != null ? decodedClaims : parsed().getPayload().toJSONObject();
    }

    private static TreeSet<String> metascopeClaims(Map<String, Object> payload) {
        TreeSet<String> claims = new TreeSet<>();
        payload.forEach((key, value) -> {
            if (key.contains(METASCOPE_MARKER)) {
                claims.add(key + "=" + value);
            }
        });
        return claims;
    }

    private static String describe(List<String> audience) {
        return audience.isEmpty() ? "(missing)" : audience.size() == 1 ? audience.get(0) : audience.toString();
    }
}

package io.github.fakeims.server.internal.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Collection;

/**
 * The one place that mints Service Account JWTs the way the Developer Console's "Generate JWT" does:
 * {@code iss} the org, {@code sub} the technical account, {@code aud} {@code <ims>/c/<client id>}, {@code exp},
 * and one {@code <ims>/s/<code>: true} claim per metascope, RS256. Used by the public
 * {@code ServiceAccountJwts}, the jar's {@code jwt}/{@code curl} tools and the tests' JWT builder.
 */
public final class ConsoleJwts {

    private ConsoleJwts() {
    }

    /** The Console's claims; {@code imsUrl}'s trailing slashes are dropped, as IMS ignores them. */
    public static JWTClaimsSet.Builder claims(String imsUrl, String orgId, String technicalAccountId, String clientId,
                                              Collection<String> metascopes, Instant expiresAt) {
        String base = imsUrl.replaceAll("/+$", "");
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(orgId)
                .subject(technicalAccountId)
                .audience(base + "/c/" + clientId)
                .claim("exp", expiresAt.getEpochSecond());
        metascopes.forEach(code -> claims.claim(base + "/s/" + code, true));
        return claims;
    }

    /** {@code claims} signed RS256 with {@code privateKey}, compact. */
    public static String sign(JWTClaimsSet claims, JWSHeader header, PrivateKey privateKey) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(privateKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign a JWT with this private key (" + privateKey.getAlgorithm() + "): " + e.getMessage(), e);
        }
    }

    /** {@code claims} signed RS256 with {@code privateKey}, compact. */
    public static String sign(JWTClaimsSet claims, PrivateKey privateKey) {
        return sign(claims, new JWSHeader(JWSAlgorithm.RS256), privateKey);
    }
}

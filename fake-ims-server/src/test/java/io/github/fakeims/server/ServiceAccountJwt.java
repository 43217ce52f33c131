package io.github.fakeims.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** Builds a Service Account JWT the way Adobe's clients do, with hooks to break any part of it. */
public final class ServiceAccountJwt {

    private JWTClaimsSet.Builder claims;
    private JWSHeader header = new JWSHeader(JWSAlgorithm.RS256);
    private PrivateKey key = TestKeys.KEYS.getPrivate();

    private ServiceAccountJwt(JWTClaimsSet.Builder claims) {
        this.claims = claims;
    }

    /** A valid JWT for {@code credential} addressed to {@code imsBase}, exp in 180 s, as aio-lib-java builds it. */
    public static ServiceAccountJwt forCredential(Credential credential, URI imsBase) {
        long now = Instant.now().getEpochSecond();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(credential.orgId())
                .subject(credential.technicalAccountId())
                .audience(imsBase + "/c/" + credential.clientId())
                .claim("iat", now)
                .claim("exp", now + 180)
                .claim(imsBase + "/s/" + TestCredentials.METASCOPE, true);
        return new ServiceAccountJwt(claims);
    }

    public ServiceAccountJwt claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        claims = change.apply(claims);
        return this;
    }

    public ServiceAccountJwt header(JWSHeader header) {
        this.header = header;
        return this;
    }

    public ServiceAccountJwt signedWith(PrivateKey key) {
        this.key = key;
        return this;
    }

    public String serialize() {
        try {
            SignedJWT jwt = new SignedJWT(header, claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

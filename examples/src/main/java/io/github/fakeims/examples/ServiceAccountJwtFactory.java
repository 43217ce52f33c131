package io.github.fakeims.examples;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Example production code for teams that build the Service Account JWT themselves instead of using
 * aio-lib-java: the kind of code whose claims the JWT assertions check in CI, with no network.
 */
public final class ServiceAccountJwtFactory {

    private final String imsUrl;
    private final String clientId;
    private final String orgId;
    private final String technicalAccountId;
    private final List<String> metascopes;
    private final PrivateKey privateKey;
    private final Clock clock;

    public ServiceAccountJwtFactory(String imsUrl, String clientId, String orgId, String technicalAccountId,
                                    List<String> metascopes, PrivateKey privateKey, Clock clock) {
        this.imsUrl = imsUrl;
        this.clientId = clientId;
        this.orgId = orgId;
        this.technicalAccountId = technicalAccountId;
        this.metascopes = List.copyOf(metascopes);
        this.privateKey = privateKey;
        this.clock = clock;
    }

    /** A JWT valid for five minutes. */
    public String create() {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(orgId)
                .subject(technicalAccountId)
                .audience(imsUrl + "/c/" + clientId)
                .claim("exp", clock.instant().plus(Duration.ofMinutes(5)).getEpochSecond());
        metascopes.forEach(code -> claims.claim(imsUrl + "/s/" + code, true));
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner(privateKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the Service Account JWT", e);
        }
    }
}

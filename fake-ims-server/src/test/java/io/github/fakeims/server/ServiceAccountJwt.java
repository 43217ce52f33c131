package io.github.fakeims.server;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import io.github.fakeims.server.internal.core.ConsoleJwts;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
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
        Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        return new ServiceAccountJwt(ConsoleJwts.claims(imsBase.toString(), credential.orgId(), credential.technicalAccountId(),
                credential.clientId(), List.of(TestCredentials.METASCOPE), now.plusSeconds(180)).claim("iat", now.getEpochSecond()));
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
        return ConsoleJwts.sign(claims.build(), header, key);
    }
}

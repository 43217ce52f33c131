package io.github.fakeims.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.junit.SelfSignedCertificate;
import io.github.fakeims.server.Credential;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@link BenchCredential}'s key: a fresh RSA-2048 pair with its self-signed certificate, and Service
 * Account JWTs signed with it ahead of time, so the driver's own signing is never measured.
 */
public final class SignedJwts {

    private final SelfSignedCertificate keys;

    private SignedJwts(SelfSignedCertificate keys) {
        this.keys = keys;
    }

    /** A new key pair (not the extension's pool: that would start background key generation). */
    public static SignedJwts create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keyPair = generator.generateKeyPair();
            return new SignedJwts(SelfSignedCertificate.builder().keyPair(keyPair).build());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public SelfSignedCertificate keys() {
        return keys;
    }

    /** The {@link BenchCredential} with this key's certificate, for the fake to register. */
    public Credential credential() {
        return BenchCredential.registered(keys.certificatePem());
    }

    /** A Service Account JWT addressed to {@code imsBase}, as aio-lib-java builds it, with a unique {@code jti}. */
    public String sign(URI imsBase, Duration lifetime) {
        long now = Instant.now().getEpochSecond();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(BenchCredential.ORG_ID)
                .subject(BenchCredential.TECHNICAL_ACCOUNT_ID)
                .audience(imsBase + "/c/" + BenchCredential.CLIENT_ID)
                .claim("iat", now)
                .claim("exp", now + lifetime.toSeconds())
                .jwtID(UUID.randomUUID().toString())
                .claim(imsBase + "/s/" + BenchCredential.METASCOPE, true)
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(keys.privateKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a benchmark JWT", e);
        }
    }

    /** Ready-to-send {@code /ims/exchange/jwt} bodies, each with its own JWT, valid for two hours. */
    public List<byte[]> exchangeForms(URI imsBase, int count) {
        List<byte[]> forms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            forms.add(BenchCredential.exchangeForm(sign(imsBase, Duration.ofHours(2))));
        }
        return forms;
    }
}

package io.github.fakeims.server.internal.tools;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a Service Account JWT is made of, shared by {@code jwt} and {@code curl}. */
final class ServiceAccountOptions {

    @Option(names = "--ims-url", defaultValue = "http://127.0.0.1:8080",
            description = "IMS base URL the JWT is for (aud, metascope keys); default ${DEFAULT-VALUE}, "
                    + "use https://ims-na1.adobelogin.com for production")
    String imsUrl;

    @Mixin
    CredentialIdOptions credential;

    @Option(names = "--private-key", description = "unencrypted PKCS#8 PEM private key (private.key)")
    Path privateKey;

    @Option(names = "--expires-in", defaultValue = "86400", description = "seconds until exp; default ${DEFAULT-VALUE} (24 h, as the Console)")
    long expiresInSeconds;

    /** Signs the JWT the way the Developer Console's "Generate JWT" does. */
    String signJwt() throws IOException {
        if (privateKey == null) {
            throw new IllegalArgumentException("--private-key is needed to sign a JWT");
        }
        String base = imsUrl.replaceAll("/+$", "");
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(credential.orgId)
                .subject(credential.technicalAccountId)
                .audience(base + "/c/" + credential.clientId)
                .claim("exp", Instant.now().plus(Duration.ofSeconds(expiresInSeconds)).getEpochSecond());
        credential.metascopes.forEach(code -> claims.claim(base + "/s/" + (code.startsWith("/s/") ? code.substring(3) : code), true));
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner(PemFiles.readPrivateKey(privateKey)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with " + privateKey + ": " + e.getMessage(), e);
        }
    }
}

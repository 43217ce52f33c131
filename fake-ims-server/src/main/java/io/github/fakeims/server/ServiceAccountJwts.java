package io.github.fakeims.server;

import io.github.fakeims.server.internal.core.ConsoleJwts;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Objects;

/**
 * Service Account JWTs as the Developer Console's "Generate JWT" makes them, for tests that sign their own
 * (the JUnit extension's {@code DeveloperCredential.signJwt()} is this). Signed by the fake's own JOSE
 * library, whatever nimbus-jose-jwt the caller's class path holds.
 */
public final class ServiceAccountJwts {

    private ServiceAccountJwts() {
    }

    /**
     * {@code iss} the credential's org, {@code sub} its technical account, {@code aud} {@code <imsUrl>/c/<client id>},
     * {@code exp} {@code expiresAt}, one {@code <imsUrl>/s/<code>: true} claim per metascope of the credential;
     * RS256 with {@code privateKey} (the key of one of the credential's certificates, for the fake to accept it).
     */
    public static String consoleStyle(Credential credential, URI imsUrl, PrivateKey privateKey, Instant expiresAt) {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(imsUrl, "imsUrl");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(expiresAt, "expiresAt");
        return ConsoleJwts.sign(ConsoleJwts.claims(imsUrl.toString(), credential.orgId(), credential.technicalAccountId(),
                credential.clientId(), credential.metascopes(), expiresAt).build(), privateKey);
    }
}

package io.github.fakeims.server.internal.tools;

import io.github.fakeims.server.internal.core.ConsoleJwts;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        Instant expiresAt = Instant.now().plus(Duration.ofSeconds(expiresInSeconds));
        List<String> metascopes = credential.metascopes.stream().map(code -> code.startsWith("/s/") ? code.substring(3) : code).toList();
        PrivateKey key = PemFiles.readPrivateKey(privateKey);
        try {
            return ConsoleJwts.sign(ConsoleJwts.claims(imsUrl, credential.orgId, credential.technicalAccountId, credential.clientId,
                    metascopes, expiresAt).build(), key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot sign with " + privateKey + ": " + e.getCause().getMessage(), e);
        }
    }
}

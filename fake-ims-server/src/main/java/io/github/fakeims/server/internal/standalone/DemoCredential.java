package io.github.fakeims.server.internal.standalone;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.Grant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;
import io.github.fakeims.server.internal.core.PrivateKeyPem;

/**
 * The credential a standalone fake starts with when it has no configuration, so a newcomer can get
 * a token at once. Its key pair ships in the jar: it is public and good for nothing but this fake.
 */
final class DemoCredential {

    static final String CLIENT_ID = "fake-ims-demo-client";
    static final String CLIENT_SECRET = "p8e-fake-ims-demo-secret";
    static final String ORG_ID = "FAKE0DEMO0ORG000000000@AdobeOrg";
    static final String TECHNICAL_ACCOUNT_ID = "FAKE0DEMO0TECHACCT00000@techacct.adobe.com";
    static final String METASCOPE = "ent_analytics_bulk_ingest_sdk";

    private DemoCredential() {
    }

    static String certificatePem() {
        return resource("demo-certificate.pem");
    }

    /** The demo credential's (public) private key: the fake made it, so its exports may carry it. */
    static PrivateKey privateKey() {
        return PrivateKeyPem.parse(resource("demo-private.key"));
    }

    static Credential credential() {
        return Credential.builder()
                .clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET)
                .orgId(ORG_ID)
                .technicalAccountId(TECHNICAL_ACCOUNT_ID)
                .certificatePem(certificatePem())
                .metascopes(METASCOPE)
                .scopes("openid", "AdobeID", "read_organizations")
                .grants(Grant.JWT_EXCHANGE, Grant.CLIENT_CREDENTIALS)
                .build();
    }

    /** Writes the key, the certificate and {@code exchange.sh} (mint a JWT with openssl, exchange it with curl). */
    static Path writeTo(Path folder, URI imsUrl, Optional<Path> caFile) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("private.key"), resource("demo-private.key"));
        Files.writeString(folder.resolve("certificate.pem"), certificatePem());
        Path script = folder.resolve("exchange.sh");
        Files.writeString(script, exchangeScript(imsUrl, caFile));
        script.toFile().setExecutable(true);
        return script;
    }

    /**
     * A Console-style JWT (exp in 24 h), signed with openssl, exchanged with curl: no Java needed. Two
     * variables break a claim on purpose (AUD_CLIENT_ID, EXPIRES_IN); a refusal prints the status line
     * and the fake's reason header before IMS's body, and exits 1.
     */
    private static String exchangeScript(URI imsUrl, Optional<Path> caFile) {
        return """
                #!/bin/sh
                # Mints a Service Account JWT with the demo key, as the Developer Console's "Generate JWT"
                # does (exp in 24 h), and exchanges it at the fake IMS for an access token.
                # Break a claim to see the fake say which and why, e.g.:
                #   AUD_CLIENT_ID=other-client sh exchange.sh     (aud names another client)
                #   EXPIRES_IN=-3600 sh exchange.sh               (expired an hour ago)
                set -eu
                dir=$(cd "$(dirname "$0")" && pwd)
                ims=${FAKE_IMS_URL:-%1$s}
                aud_client=${AUD_CLIENT_ID:-%4$s}
                exp=$(( $(date +%%s) + ${EXPIRES_IN:-86400} ))
                b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
                header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
                payload=$(printf '{"iss":"%2$s","sub":"%3$s","aud":"%%s/c/%%s","exp":%%s,"%%s/s/%5$s":true}' "$ims" "$aud_client" "$exp" "$ims" | b64url)
                signature=$(printf '%%s.%%s' "$header" "$payload" | openssl dgst -sha256 -sign "$dir/private.key" | b64url)
                headers=$(mktemp)
                trap 'rm -f "$headers"' EXIT
                body=$(curl -sS%7$s -D "$headers" -X POST "$ims/ims/exchange/jwt" \
                  --data-urlencode client_id=%4$s \
                  --data-urlencode client_secret=%6$s \
                  --data-urlencode "jwt_token=$header.$payload.$signature")
                status=$(sed -n '1s/\r$//p' "$headers")
                case "$status" in
                  *" 200 "*|*" 200") printf '%%s\n' "$body" ;;
                  *) printf '%%s\n' "$status"
                     grep -i '^x-fake-ims-reason:' "$headers" | tr -d '\r' || true
                     printf '%%s\n' "$body"
                     exit 1 ;;
                esac
                """.formatted(imsUrl, ORG_ID, TECHNICAL_ACCOUNT_ID, CLIENT_ID, METASCOPE, CLIENT_SECRET,
                caFile.map(file -> " --cacert '" + file + "'").orElse(""));
    }

    private static String resource(String name) {
        try (InputStream in = DemoCredential.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the demo resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

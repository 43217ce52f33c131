package io.github.fakeims.server;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.UUID;

/** Credentials with unique ids, for tests. */
public final class TestCredentials {

    public static final String METASCOPE = "ent_analytics_bulk_ingest_sdk";

    private TestCredentials() {
    }

    /** A JWT + OAuth credential whose certificate is for {@code keys}. */
    public static Credential.Builder credential(KeyPair keys) {
        return withCertificate(TestKeys.certificate(keys));
    }

    /** A credential like {@link #credential()} whose one certificate is {@code certificate}. */
    public static Credential onlyCertificate(X509Certificate certificate) {
        return withCertificate(certificate).build();
    }

    private static Credential.Builder withCertificate(X509Certificate certificate) {
        String id = UUID.randomUUID().toString().replace("-", "");
        return Credential.builder()
                .clientId("client-" + id)
                .clientSecret("p8e-secret-" + id)
                .orgId(id.substring(0, 24).toUpperCase() + "@AdobeOrg")
                .technicalAccountId(id.substring(8, 32).toUpperCase() + "@techacct.adobe.com")
                .certificate(certificate)
                .metascopes(METASCOPE, "ent_user_sdk")
                .scopes("openid", "AdobeID", "read_organizations");
    }

    public static Credential credential() {
        return credential(TestKeys.KEYS).build();
    }
}

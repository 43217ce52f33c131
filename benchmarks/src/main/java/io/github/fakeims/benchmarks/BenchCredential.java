package io.github.fakeims.benchmarks;

import io.github.fakeims.server.Credential;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one credential every benchmark uses (ids, secret, grants) and the request bodies that carry it.
 * Its key and JWTs are {@link SignedJwts}'.
 */
public final class BenchCredential {

    public static final String CLIENT_ID = "fake-ims-bench-client";
    public static final String CLIENT_SECRET = "p8e-fake-ims-bench-secret";
    public static final String ORG_ID = "0123456789ABCDEF01234567@AdobeOrg";
    public static final String TECHNICAL_ACCOUNT_ID = "76543210FEDCBA9876543210@techacct.adobe.com";
    public static final String METASCOPE = "ent_analytics_bulk_ingest_sdk";
    public static final String SCOPES = "openid,AdobeID";

    private BenchCredential() {
    }

    /** What the fake registers; from the PEM so a child JVM needs no BouncyCastle to build it. */
    public static Credential registered(String certificatePem) {
        return Credential.builder()
                .clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET)
                .orgId(ORG_ID)
                .technicalAccountId(TECHNICAL_ACCOUNT_ID)
                .certificatePem(certificatePem)
                .metascopes(METASCOPE)
                .scopes(SCOPES.split(","))
                .build();
    }

    /** A {@code /ims/exchange/jwt} form body for a pre-signed JWT. */
    public static byte[] exchangeForm(String jwt) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", CLIENT_ID);
        form.put("client_secret", CLIENT_SECRET);
        form.put("jwt_token", jwt);
        return LoopbackHttp.form(form);
    }

    /** The {@code /ims/token/v3} OAuth Server-to-Server form body. */
    public static byte[] clientCredentialsForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", CLIENT_ID);
        form.put("client_secret", CLIENT_SECRET);
        form.put("scope", SCOPES);
        return LoopbackHttp.form(form);
    }
}

package io.github.fakeims.server.internal.handler;

import io.github.fakeims.server.internal.http.ImsRequest;
import io.github.fakeims.server.internal.http.ImsResponse;
import io.github.fakeims.server.internal.token.AccessTokens;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Public metadata: the signing keys, the OpenID configuration and the fake's health. */
public final class DiscoveryHandlers {

    private final AccessTokens tokens;
    private final URI defaultBaseUrl;

    public DiscoveryHandlers(AccessTokens tokens, URI defaultBaseUrl) {
        this.tokens = tokens;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** {@code GET /ims/keys}: the JWKS with the key that signs access tokens. */
    public ImsResponse keys(ImsRequest request) {
        return ImsResponse.json(200, tokens.publicKeys().toJSONObject(true));
    }

    /** {@code GET /ims/.well-known/openid-configuration}, with URLs on the address the client used. */
    public ImsResponse openIdConfiguration(ImsRequest request) {
        String base = request.addressedBaseUrl().orElse(defaultBaseUrl.toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", base);
        body.put("authorization_endpoint", base + "/ims/authorize/v2");
        body.put("token_endpoint", base + "/ims/token/v3");
        body.put("userinfo_endpoint", base + "/ims/userinfo/v2");
        body.put("revocation_endpoint", base + "/ims/revoke");
        body.put("jwks_uri", base + "/ims/keys");
        body.put("response_types_supported", List.of("code", "token", "id_token"));
        body.put("subject_types_supported", List.of("public"));
        body.put("id_token_signing_alg_values_supported", List.of("RS256"));
        body.put("grant_types_supported", List.of("client_credentials", "urn:ietf:params:oauth:grant-type:jwt-bearer"));
        body.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic"));
        body.put("scopes_supported", List.of("openid", "AdobeID"));
        return ImsResponse.json(200, body);
    }

    /** {@code GET /fake-ims/health}: for readiness checks. */
    public ImsResponse health(ImsRequest request) {
        return ImsResponse.json(200, Map.of("status", "UP"));
    }
}

package io.github.fakeims.server.internal.handler;

import io.github.fakeims.server.internal.core.HandlerResult;
import io.github.fakeims.server.internal.http.ImsRequest;
import io.github.fakeims.server.internal.http.ImsResponse;
import io.github.fakeims.server.internal.token.AccessTokens;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Public metadata: the signing keys and the OpenID configuration (the admin API answers health). */
public final class DiscoveryHandlers {

    private final AccessTokens tokens;
    private final URI defaultBaseUrl;

    public DiscoveryHandlers(AccessTokens tokens, URI defaultBaseUrl) {
        this.tokens = tokens;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /**
     * {@code GET /ims/keys}: as real IMS, the ID-token keys ({@code kid} {@code ims}, {@code ims_na1-key-1}
     * there; the fake's are {@code fake_ims}, {@code fake_ims-key-1}, public halves only: the fake issues no
     * ID tokens), then the key that signs access tokens, so a JWT decoder can verify them offline.
     */
    public HandlerResult keys(ImsRequest request) {
        List<Object> keys = new ArrayList<>(IdTokenKeys.KEYS);
        Map<String, Object> accessTokenKey = new LinkedHashMap<>();
        Map<String, Object> jwk = tokens.publicKeys().getKeys().get(0).toJSONObject();
        accessTokenKey.put("alg", "RS256");
        accessTokenKey.put("kty", jwk.get("kty"));
        accessTokenKey.put("use", "sig");
        accessTokenKey.put("kid", AccessTokens.KEY_ID);
        accessTokenKey.put("e", jwk.get("e"));
        accessTokenKey.put("n", jwk.get("n"));
        keys.add(accessTokenKey);
        return HandlerResult.answered(ImsResponse.json(200, Map.of("keys", keys)));
    }

    /** The published ID-token keys, read once from the jar. */
    private static final class IdTokenKeys {
        static final List<Object> KEYS = load();

        private static List<Object> load() {
            try (InputStream in = AccessTokens.class.getResourceAsStream("id-token-keys.jwks.json")) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks the ID token keys");
                }
                return JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)), "keys");
            } catch (IOException | ParseException e) {
                throw new IllegalStateException("cannot read the ID token keys", e);
            }
        }
    }

    /** {@code GET /ims/.well-known/openid-configuration}, with URLs on the address the client used. */
    public HandlerResult openIdConfiguration(ImsRequest request) {
        String base = request.addressedBaseUrl().orElse(defaultBaseUrl.toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", base);
        body.put("authorization_endpoint", base + "/ims/authorize/v2");
        body.put("token_endpoint", base + "/ims/token/v3");
        body.put("userinfo_endpoint", base + "/ims/userinfo/v2");
        body.put("revocation_endpoint", base + "/ims/revoke");
        body.put("jwks_uri", base + "/ims/keys");
        // Adobe's documented sample, member for member, but for the grants: the fake's real ones, not user logins.
        body.put("response_types_supported", List.of("code", "token", "id_token", "id_token token", "code id_token"));
        body.put("subject_types_supported", List.of("public"));
        body.put("id_token_signing_alg_values_supported", List.of("RS256"));
        body.put("scopes_supported", List.of("openid", "email", "profile"));
        body.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        body.put("claims_supported", List.of("sub", "given_name", "family_name", "name", "email", "email_verified", "address"));
        body.put("grant_types_supported", List.of("client_credentials", "urn:ietf:params:oauth:grant-type:jwt-bearer"));
        return HandlerResult.answered(ImsResponse.json(200, body));
    }
}

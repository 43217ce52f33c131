package io.github.fakeims.server;

import static io.github.fakeims.server.ImsErrorAssertions.assertImsError;
import static io.github.fakeims.server.ImsHttp.basic;
import static io.github.fakeims.server.ImsHttp.postForm;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where IMS takes client credentials (token v1-v4, exchange, validate, invalidate, revoke): the form,
 * HTTP Basic ({@code client_secret_basic}, Spring Security's default) or the {@code X-IMS-ClientId}
 * header (ims-go); values that disagree are a 400. Through real HTTP.
 */
class ClientAuthenticationTest {

    @RegisterExtension
    static final SharedFake FAKE = SharedFake.withDefaults();

    private static Credential registered() {
        return FAKE.registered();
    }

    private static URI url(String path) {
        return FAKE.url(path);
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static String token(Credential credential) {
        HttpResponse<String> response = postForm(url("/ims/token/v3"), form("grant_type", "client_credentials",
                "scope", "openid"), basic(credential.clientId(), credential.clientSecret()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) ImsHttp.json(response).get("access_token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ims/token", "/ims/token/v1", "/ims/token/v2", "/ims/token/v3", "/ims/token/v4"})
    void basicAuthenticationGetsATokenOnEveryTokenPath(String path) {
        Credential credential = registered();

        HttpResponse<String> response = postForm(url(path), form("grant_type", "client_credentials", "scope", "openid"),
                basic(credential.clientId(), credential.clientSecret()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(FAKE.ims().journal().entries()).last().satisfies(entry -> assertThat(entry.clientId()).hasValue(credential.clientId()));
    }

    @Test
    void basicAuthenticationWithAWrongSecretIsInvalidClientSecret() {
        Credential credential = registered();

        HttpResponse<String> response = postForm(url("/ims/token/v3"), form("grant_type", "client_credentials", "scope", "openid"),
                basic(credential.clientId(), "p8e-wrong"));

        assertImsError(response, 400, "invalid_client", "invalid client_secret parameter");
    }

    @Test
    void basicAuthenticationWorksForTheJwtExchange() {
        Credential credential = registered();
        String jwt = ServiceAccountJwt.forCredential(credential, FAKE.ims().baseUrl()).serialize();

        HttpResponse<String> response = postForm(url("/ims/exchange/jwt"), form("jwt_token", jwt),
                basic(credential.clientId(), credential.clientSecret()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void basicAndFormNamingTheSameClientIsFine() {
        Credential credential = registered();

        HttpResponse<String> response = postForm(url("/ims/token/v3"), form("grant_type", "client_credentials", "scope", "openid",
                "client_id", credential.clientId(), "client_secret", credential.clientSecret()),
                basic(credential.clientId(), credential.clientSecret()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void basicAndFormNamingDifferentClientsIsA400() {
        Credential credential = registered();
        Credential other = registered();

        HttpResponse<String> response = postForm(url("/ims/token/v3"), form("grant_type", "client_credentials", "scope", "openid",
                "client_id", other.clientId()), basic(credential.clientId(), credential.clientSecret()));

        assertImsError(response, 400, "invalid_request", "The request is malformed.", "Authorization: Basic", "different clients");
    }

    @Test
    void basicAndFormNamingDifferentSecretsIsA400() {
        Credential credential = registered();

        HttpResponse<String> response = postForm(url("/ims/token/v3"), form("grant_type", "client_credentials", "scope", "openid",
                "client_secret", "p8e-other"), basic(credential.clientId(), credential.clientSecret()));

        assertImsError(response, 400, "invalid_request", "The request is malformed.", "different secrets");
    }

    @Test
    void aBasicHeaderThatIsNotBase64IsA400() {
        HttpResponse<String> response = postForm(url("/ims/token/v3"), form("grant_type", "client_credentials"),
                Map.of("Authorization", "Basic ***"));

        assertImsError(response, 400, "invalid_request", "The request is malformed.", "not valid base64");
    }

    @Test
    void basicAuthenticationValidatesInvalidatesAndRevokes() {
        Credential credential = registered();
        Map<String, String> basic = basic(credential.clientId(), credential.clientSecret());
        String first = token(credential);
        String second = token(credential);

        HttpResponse<String> valid = postForm(url("/ims/validate_token/v1"), form("type", "access_token", "token", first), basic);
        assertThat(ImsHttp.json(valid)).containsEntry("valid", true);

        assertThat(postForm(url("/ims/invalidate_token/v2"), form("token_type", "access_token", "token", first), basic).statusCode())
                .isEqualTo(200);
        assertThat(postForm(url("/ims/revoke"), form("token", second), basic).statusCode()).isEqualTo(200);

        assertThat(FAKE.stateOf(first)).isEqualTo(IssuedAccessToken.State.INVALIDATED);
        assertThat(FAKE.stateOf(second)).isEqualTo(IssuedAccessToken.State.INVALIDATED);
    }

    @Test
    void theXImsClientIdHeaderNamesTheClientOfAValidation() {
        Credential credential = registered();
        String token = token(credential);

        HttpResponse<String> response = ImsHttp.send(HttpRequest.newBuilder(url("/ims/validate_token/v1?type=access_token"))
                .header("Authorization", "Bearer " + token)
                .header("X-IMS-ClientId", credential.clientId())
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(ImsHttp.json(response)).as(response.body()).containsEntry("valid", true);
    }

    @Test
    void anXImsClientIdHeaderThatDisagreesWithClientIdIsA400() {
        Credential credential = registered();
        Credential other = registered();

        HttpResponse<String> response = postForm(url("/ims/validate_token/v1"),
                form("type", "access_token", "client_id", other.clientId(), "token", token(credential)),
                Map.of("X-IMS-ClientId", credential.clientId()));

        assertImsError(response, 400, "invalid_request", "The request is malformed.", "X-IMS-ClientId");
    }

    /** Invalidates a fresh token of a fresh client with these parameters besides {@code token} and {@code client_id}. */
    private static Map.Entry<String, HttpResponse<String>> invalidate(String... more) {
        Credential credential = registered();
        String token = token(credential);
        Map<String, String> params = form(more);
        params.put("token", token);
        params.put("client_id", credential.clientId());
        return Map.entry(token, postForm(url("/ims/invalidate_token/v2"), params));
    }

    @Test
    void anAccessTokenIsInvalidatedWithTheClientIdAloneAsImsGoAndImscliDo() {
        Map.Entry<String, HttpResponse<String>> invalidation = invalidate("token_type", "access_token");
        String token = invalidation.getKey();
        HttpResponse<String> response = invalidation.getValue();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(FAKE.stateOf(token)).isEqualTo(IssuedAccessToken.State.INVALIDATED);
    }

    @Test
    void aServiceTokenIsInvalidatedOnlyWithTheClientSecret() {
        Map.Entry<String, HttpResponse<String>> invalidation = invalidate("token_type", "service_token");
        String token = invalidation.getKey();
        HttpResponse<String> response = invalidation.getValue();

        assertImsError(response, 400, "invalid_request", "Missing required parameter: client_secret");
        assertThat(FAKE.stateOf(token)).isEqualTo(IssuedAccessToken.State.VALID);
    }

    @Test
    void aWrongSecretSentToInvalidateIsStillRefused() {
        Map.Entry<String, HttpResponse<String>> invalidation = invalidate("token_type", "access_token", "client_secret", "p8e-wrong");
        String token = invalidation.getKey();
        HttpResponse<String> response = invalidation.getValue();

        assertImsError(response, 400, "invalid_client", "invalid client_secret parameter");
        assertThat(FAKE.stateOf(token)).isEqualTo(IssuedAccessToken.State.VALID);
    }

    @Test
    void aFaultForOneClientHitsItsBasicAuthenticatedCalls() {
        Credential credential = registered();
        FAKE.ims().faults().add(Fault.status(503).forClient(credential.clientId()));

        HttpResponse<String> response = postForm(url("/ims/token/v3"), form("grant_type", "client_credentials", "scope", "openid"),
                basic(credential.clientId(), credential.clientSecret()));

        assertThat(response.statusCode()).isEqualTo(503);
    }
}

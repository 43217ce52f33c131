package io.github.fakeims.server;

import static io.github.fakeims.server.ImsErrorAssertions.REASON;
import static io.github.fakeims.server.ImsErrorAssertions.assertImsError;
import static io.github.fakeims.server.ImsHttp.postForm;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the public record (ims-evidence.md) contradicted the fake, through real HTTP: JWT tolerances,
 * error codes and body order, validation, API versions, discovery, keys and Retry-After on 503.
 */
class ImsFidelityTest {

    @RegisterExtension
    static final SharedFake FAKE = SharedFake.withDefaults();
    private final FakeImsServer ims = FAKE.ims();
    private Credential credential;

    @BeforeEach
    void register() {
        credential = FAKE.registered();
        ims.faults().clear();
    }

    private static URI url(String path) {
        return FAKE.url(path);
    }

    private HttpResponse<String> exchange(String jwt) {
        return AccessTokenShapeTest.exchange(ims, credential, jwt);
    }

    private ServiceAccountJwt jwt() {
        return ServiceAccountJwt.forCredential(credential, ims.baseUrl());
    }

    private String accessToken() {
        HttpResponse<String> response = exchange(jwt().serialize());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) ImsHttp.json(response).get("access_token");
    }

    // --- the JWT exchange

    @Test
    void anExpInMillisecondsIsAcceptedWithAWarningInTheReasonHeaderAndTheJournal() {
        long expMillis = Instant.now().plus(Duration.ofHours(24)).toEpochMilli();

        HttpResponse<String> response = exchange(jwt().claims(claims -> claims.claim("exp", expMillis)).serialize());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue(REASON)).hasValueSatisfying(reason ->
                assertThat(reason).contains("exp " + expMillis + " is in milliseconds"));
        assertThat(ims.journal().entries()).last().satisfies(entry ->
                assertThat(entry.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("in milliseconds")));
    }

    @Test
    void anExpInMillisecondsInThePastIsStillExpired() {
        long expMillis = Instant.now().minus(Duration.ofMinutes(5)).toEpochMilli();

        HttpResponse<String> response = exchange(jwt().claims(claims -> claims.claim("exp", expMillis)).serialize());

        assertImsError(response, 400, "invalid_token", "JWT token has expired.");
    }

    @Test
    void anIntegerJtiIsAcceptedAndCountsAsUsedOnACredentialThatRequiresIt() {
        credential = TestCredentials.credential(TestKeys.KEYS).jtiRequired(true).build();
        ims.register(credential);
        String jwt = jwt().claims(claims -> claims.claim("jti", 12345L)).serialize();

        HttpResponse<String> first = exchange(jwt);
        assertThat(first.statusCode()).as("%s %s", first.body(), first.headers().firstValue(REASON)).isEqualTo(200);
        assertImsError(exchange(jwt), 400, "invalid_jti", "The jti claim is missing or was already used.", "jti 12345");
    }

    @Test
    void aStringJtiIsStillAccepted() {
        assertThat(exchange(jwt().claims(claims -> claims.jwtID("a1b2")).serialize()).statusCode()).isEqualTo(200);
    }

    @Test
    void aFractionalJtiIsNotAnInteger() {
        assertImsError(exchange(jwt().claims(claims -> claims.claim("jti", 1.5)).serialize()), 400, "invalid_token",
                "JWT token is incorrectly formatted, and can not be decoded.");
    }

    @Test
    void aMissingJwtTokenIsInvalidTokenAsDocumented() {
        HttpResponse<String> response = postForm(url("/ims/exchange/jwt"),
                Map.of("client_id", credential.clientId(), "client_secret", credential.clientSecret()));

        assertImsError(response, 400, "invalid_token", "Missing required parameter: jwt_token", "no jwt_token parameter");
    }

    @Test
    void anEmptySignaturePartIsAFormatError() {
        String signed = jwt().serialize();
        String stripped = signed.substring(0, signed.lastIndexOf('.') + 1);

        assertImsError(exchange(stripped), 400, "invalid_token", "JWT token is incorrectly formatted, and can not be decoded.",
                "has no signature");
    }

    @Test
    void errorBodiesPutErrorDescriptionFirstByteForByte() {
        HttpResponse<String> response = exchange(jwt().signedWith(TestKeys.OTHER_KEYS.getPrivate()).serialize());

        assertThat(response.body())
                .isEqualTo("{\"error_description\":\"Could not match JWT signature to any of the bindings\",\"error\":\"invalid_token\"}")
                .hasSize(100); // ServiceNow KB1446558: response_length=100
    }

    @Test
    void aJwtExpiringInTwentyFiveHoursIsAcceptedForIMSEnforcesNoMaximumLifetime() {
        long exp = Instant.now().plus(Duration.ofHours(25)).getEpochSecond();

        assertThat(exchange(jwt().claims(claims -> claims.claim("exp", exp)).serialize()).statusCode()).isEqualTo(200);
    }

    @Test
    void aMalformedJwtWithAWrongSecretIsAnsweredAsTheFormatErrorFirst() {
        HttpResponse<String> response = postForm(url("/ims/exchange/jwt"),
                Map.of("client_id", credential.clientId(), "client_secret", "p8e-wrong", "jwt_token", "not.a.jwt"));

        assertImsError(response, 400, "invalid_token", "JWT token is incorrectly formatted, and can not be decoded.");
    }

    // --- validation

    @Test
    void aValidationWithoutAnyClientIdIsInvalidRequest() {
        HttpResponse<String> response = postForm(url("/ims/validate_token/v1"), Map.of("type", "access_token", "token", accessToken()));

        assertImsError(response, 400, "invalid_request", "Missing required parameter: client_id");
    }

    @Test
    void validateTakesAGetWithAQueryStringAndABearerHeader() {
        String token = accessToken();

        HttpResponse<String> response = ImsHttp.get(url("/ims/validate_token/v1?client_id=" + credential.clientId()
                + "&type=access_token"), token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ImsHttp.json(response)).containsEntry("valid", true);
    }

    @Test
    void otherMethodsOnValidateNameBothInAllow() {
        HttpResponse<String> response = ImsHttp.send(HttpRequest.newBuilder(url("/ims/validate_token/v1"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build());

        assertImsError(response, 405, "method_not_allowed", "The request method is not supported for this resource.");
        assertThat(response.headers().firstValue("Allow")).hasValue("POST, GET");
    }

    @Test
    void anInvalidTokensReasonIsASnakeCaseCodeAndTheProseGoesInTheHeader() {
        String token = accessToken();
        String forged = token.substring(0, token.length() - 4) + "AAAA";

        HttpResponse<String> bad = postForm(url("/ims/validate_token/v1"),
                Map.of("type", "access_token", "client_id", credential.clientId(), "token", forged));
        postForm(url("/ims/invalidate_token/v2"), Map.of("token_type", "access_token", "client_id", credential.clientId(), "token", token));
        HttpResponse<String> invalidated = postForm(url("/ims/validate_token/v1"),
                Map.of("type", "access_token", "client_id", credential.clientId(), "token", token));

        assertThat(bad.body()).isEqualTo("{\"valid\":false,\"reason\":\"bad_signature\"}");
        assertThat(bad.headers().firstValue(REASON)).hasValueSatisfying(reason -> assertThat(reason).startsWith("bad_signature: the token"));
        assertThat(ImsHttp.json(invalidated)).containsEntry("reason", "invalidated");
        assertThat(ims.journal().entries()).last().satisfies(entry -> assertThat(entry.reason()).hasValue("invalidated: the token was invalidated"));
    }

    @Test
    void anExpiredTokensReasonIsExpired() {
        try (FakeImsServer fixed = FakeImsServer.start(FakeImsConfig.builder().credential(credential).build())) {
            HttpResponse<String> minted = postForm(fixed.baseUrl().resolve("/ims/token/v3"), Map.of("grant_type", "client_credentials",
                    "client_id", credential.clientId(), "client_secret", credential.clientSecret(), "scope", "openid"));
            String token = (String) ImsHttp.json(minted).get("access_token");
            fixed.clock().advance(Duration.ofHours(25));

            HttpResponse<String> response = postForm(fixed.baseUrl().resolve("/ims/validate_token/v1"),
                    Map.of("type", "access_token", "client_id", credential.clientId(), "token", token));

            assertThat(ImsHttp.json(response)).containsEntry("valid", false).containsEntry("reason", "expired");
        }
    }

    // --- the API versions Adobe's clients call by default

    @ParameterizedTest
    @ValueSource(strings = {"/ims/userinfo", "/ims/userinfo/v1", "/ims/userinfo/v2", "/ims/profile/v1", "/ims/profile/v2",
            "/ims/profile/v3", "/ims/organizations/v1", "/ims/organizations/v2", "/ims/organizations/v3", "/ims/organizations/v4",
            "/ims/organizations/v5", "/ims/organizations/v6"})
    void everyVersionAdobeClientsCallAnswersWithTheSameBehaviour(String path) {
        String token = accessToken();

        HttpResponse<String> ok = ImsHttp.get(url(path), token);
        HttpResponse<String> unauthorized = ImsHttp.get(url(path), "not-a-token");

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains(credential.orgId().replace("@AdobeOrg", ""));
        assertImsError(unauthorized, 401, "invalid_token", "The access token is invalid.");
    }

    // --- discovery and keys

    @Test
    void theDiscoveryDocumentHasAdobesDocumentedMembersInOrder() throws Exception {
        Map<String, Object> discovery = ImsHttp.json(ImsHttp.get(url("/ims/.well-known/openid-configuration"), null));

        assertThat(discovery.keySet()).containsExactly("issuer", "authorization_endpoint", "token_endpoint", "userinfo_endpoint",
                "revocation_endpoint", "jwks_uri", "response_types_supported", "subject_types_supported",
                "id_token_signing_alg_values_supported", "scopes_supported", "token_endpoint_auth_methods_supported",
                "claims_supported", "grant_types_supported");
        assertThat(JSONObjectUtils.getStringList(discovery, "response_types_supported"))
                .containsExactly("code", "token", "id_token", "id_token token", "code id_token");
        assertThat(JSONObjectUtils.getStringList(discovery, "scopes_supported")).containsExactly("openid", "email", "profile");
        assertThat(JSONObjectUtils.getStringList(discovery, "token_endpoint_auth_methods_supported"))
                .containsExactly("client_secret_basic", "client_secret_post");
        // the fake's own grants, not the user logins it does not simulate
        assertThat(JSONObjectUtils.getStringList(discovery, "grant_types_supported"))
                .containsExactly("client_credentials", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    }

    @Test
    void theKeysListIdTokenStyleKeysThenTheAccessTokenKey() throws Exception {
        Map<String, Object> jwks = ImsHttp.json(ImsHttp.get(url("/ims/keys"), null));

        List<Map<String, Object>> keys = List.of(JSONObjectUtils.getJSONObjectArray(jwks, "keys"));
        assertThat(keys.stream().map(key -> (String) key.get("kid")).collect(Collectors.toList()))
                .containsExactly("fake_ims", "fake_ims-key-1", "fake_ims-key-at-1");
        assertThat(keys).allSatisfy(key -> assertThat(key.keySet()).containsExactly("alg", "kty", "use", "kid", "e", "n"));
    }

    // --- Retry-After on 503

    @Test
    void a503FaultCarriesRetryAfterInSecondsOverHttp() {
        ims.faults().add(Fault.status(503).retryAfter(Duration.ofSeconds(4)).on(ImsEndpoint.JWT_EXCHANGE));

        HttpResponse<String> response = exchange(jwt().serialize());

        assertImsError(response, 503, "temporarily_unavailable", "The service is temporarily unavailable.");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("4");
    }

    @Test
    void a503FaultFromTheAdminApiCarriesRetryAfterAsAnHttpDate() {
        HttpResponse<String> added = ImsHttp.post(url("/fake-ims/faults"), "application/json",
                "{\"status\":503,\"retryAfterSeconds\":120,\"retryAfterFormat\":\"http-date\",\"endpoint\":\"JWT_EXCHANGE\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(added.body()).contains("\"retryAfterFormat\":\"http-date\"");
        Instant before = ims.clock().now();

        HttpResponse<String> response = exchange(jwt().serialize());

        assertThat(response.statusCode()).isEqualTo(503);
        String retryAfter = response.headers().firstValue("Retry-After").orElseThrow();
        Instant at = java.time.ZonedDateTime.parse(retryAfter, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(retryAfter).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(at).isBetween(before.plusSeconds(119), ims.clock().now().plusSeconds(120));
    }

    @Test
    void a503FaultWithAnHttpDateRetryAfterSurvivesTheAdminClientUnchanged() {
        Fault fault = Fault.status(503).retryAfter(Duration.ofSeconds(30)).retryAfterAsHttpDate().on(ImsEndpoint.TOKEN).times(2);

        FakeImsAdminClient.connect(ims.baseUrl()).faults().add(fault);

        assertThat(ims.faults().pending()).containsExactly(fault);
        assertThat(fault.effect()).isEqualTo("503 Retry-After: 30 s as an HTTP-date");
    }

    @Test
    void retryAfterOnAStatusOtherThan429Or503IsABadFault() {
        HttpResponse<String> response = ImsHttp.post(url("/fake-ims/faults"), "application/json",
                "{\"status\":500,\"retryAfterSeconds\":3}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("retryAfterSeconds: is sent with status 429 or 503 only");
        assertThat(ims.faults().pending()).isEmpty();
    }
}

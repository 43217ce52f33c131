package io.github.fakeims.server;

import static io.github.fakeims.server.ImsErrorAssertions.JSON;
import static io.github.fakeims.server.ImsErrorAssertions.REASON;
import static io.github.fakeims.server.ImsErrorAssertions.assertImsError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validating, invalidating, revoking and expiring the access tokens the fake issues. */
class TokenLifecycleTest {


    @AutoClose
    private static FakeImsServer ims;

    @BeforeAll
    static void start() {
        ims = FakeImsServer.start();
    }

    private static Credential registered(FakeImsServer server) {
        Credential credential = TestCredentials.credential();
        server.register(credential);
        return credential;
    }

    private static Credential registered() {
        return registered(ims);
    }

    private static HttpResponse<String> requestToken(FakeImsServer server, Credential credential) {
        return ImsHttp.postForm(server.baseUrl().resolve("/ims/token/v3"), Map.of(
                "grant_type", "client_credentials",
                "client_id", credential.clientId(),
                "client_secret", credential.clientSecret(),
                "scope", "openid,AdobeID"));
    }

    private static String tokenFor(FakeImsServer server, Credential credential) {
        HttpResponse<String> response = requestToken(server, credential);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) ImsHttp.json(response).get("access_token");
    }

    private static String tokenFor(Credential credential) {
        return tokenFor(ims, credential);
    }

    private static HttpResponse<String> validate(FakeImsServer server, String clientId, String token) {
        return ImsHttp.postForm(server.baseUrl().resolve("/ims/validate_token/v1"),
                Map.of("type", "access_token", "client_id", clientId, "token", token));
    }

    private static HttpResponse<String> validate(String clientId, String token) {
        return validate(ims, clientId, token);
    }

    private static Map<String, Object> claimsOf(String token) throws Exception {
        return SignedJWT.parse(token).getPayload().toJSONObject();
    }

    /** valid:true with exactly the token's claims. */
    private static void assertValid(HttpResponse<String> response, String token) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        Map<String, Object> body = ImsHttp.json(response);
        assertThat(body).containsOnlyKeys("valid", "token").containsEntry("valid", true);
        assertThat(body.get("token")).isEqualTo(claimsOf(token));
        assertThat(response.headers().firstValue(REASON)).isEmpty();
    }

    /** valid:false, still 200, with a snake_case code as the body's reason (as Adobe's mock) and the prose in the header. */
    private static void assertInvalid(HttpResponse<String> response, String... reasonParts) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        Map<String, Object> body = ImsHttp.json(response);
        assertThat(body).containsOnlyKeys("valid", "reason").containsEntry("valid", false);
        assertThat((String) body.get("reason")).matches("[a-z]+(_[a-z]+)*");
        assertThat(response.headers().firstValue(REASON)).hasValueSatisfying(reason -> assertThat(reason).contains(reasonParts));
    }


    private static Map<String, String> invalidation(Credential client, String token) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token_type", "access_token");
        form.put("token", token);
        form.put("client_id", client.clientId());
        form.put("client_secret", client.clientSecret());
        return form;
    }

    private static URI url(String path) {
        return ims.baseUrl().resolve(path);
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    // validate_token

    @Test
    void validatesATokenGivenInTheFormAndReturnsItsClaims() throws Exception {
        Credential credential = registered();
        String token = tokenFor(credential);

        assertValid(validate(credential.clientId(), token), token);
    }

    @Test
    void validatesATokenGivenAsBearerHeader() throws Exception {
        Credential credential = registered();
        String token = tokenFor(credential);

        HttpResponse<String> response = ImsHttp.send(HttpRequest.newBuilder(url("/ims/validate_token/v1"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("type=access_token&client_id=" + ImsHttp.encode(credential.clientId())))
                .build());

        assertValid(response, token);
    }

    @Test
    void saysATamperedTokenIsNotValid() throws Exception {
        Credential credential = registered();
        SignedJWT genuine = SignedJWT.parse(tokenFor(credential));
        Map<String, Object> claims = new LinkedHashMap<>(genuine.getPayload().toJSONObject());
        claims.put("scope", "openid,AdobeID,read_organizations");
        String tampered = genuine.getHeader().toBase64URL() + "."
                + Base64URL.encode(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims)) + "."
                + genuine.getSignature();

        assertInvalid(validate(credential.clientId(), tampered), "signature is not this fake IMS's");
    }

    @Test
    void saysSomethingThatIsNotAJwtIsNotValid() {
        Credential credential = registered();

        assertInvalid(validate(credential.clientId(), "not-a-token"), "not a JWT access token");
    }

    @Test
    void saysATokenOfAnotherClientIsNotValidForThisClient() {
        Credential owner = registered();
        Credential other = registered();
        String token = tokenFor(owner);

        assertInvalid(validate(other.clientId(), token),
                "the token was issued to client_id " + owner.clientId() + ", not " + other.clientId());
    }

    @Test
    void rejectsAValidationWithoutToken() {
        Credential credential = registered();

        assertImsError(ImsHttp.postForm(url("/ims/validate_token/v1"), Map.of("type", "access_token", "client_id", credential.clientId())),
                400, "invalid_request", "Missing required parameter: token", "no token parameter");
    }

    // invalidate_token

    @Test
    void invalidatesATokenSoThatItNoLongerValidates() throws Exception {
        Credential credential = registered();
        String token = tokenFor(credential);
        String untouched = tokenFor(credential);

        HttpResponse<String> response = ImsHttp.postForm(url("/ims/invalidate_token/v2"), invalidation(credential, token));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertInvalid(validate(credential.clientId(), token), "the token was invalidated");
        assertValid(validate(credential.clientId(), untouched), untouched);
    }

    @Test
    void keepsTheTokenValidWhenTheInvalidationHasAWrongSecret() throws Exception {
        Credential credential = registered();
        String token = tokenFor(credential);

        HttpResponse<String> response = ImsHttp.postForm(url("/ims/invalidate_token/v2"),
                with(invalidation(credential, token), "client_secret", "wrong-secret"));

        assertImsError(response, 400, "invalid_client", "invalid client_secret parameter",
                "does not match the secret registered for client_id " + credential.clientId());
        assertValid(validate(credential.clientId(), token), token);
    }

    @Test
    void refusesToInvalidateAnotherClientsTokenAndKeepsItValid() throws Exception {
        Credential owner = registered();
        Credential other = registered();
        String token = tokenFor(owner);

        HttpResponse<String> response = ImsHttp.postForm(url("/ims/invalidate_token/v2"), invalidation(other, token));

        assertImsError(response, 400, "invalid_request", "The token was not issued to this client.",
                "the token belongs to client_id " + owner.clientId() + ", not " + other.clientId());
        assertValid(validate(owner.clientId(), token), token);
    }

    // revoke

    @Test
    void revokesATokenWithBasicClientAuthentication() {
        Credential credential = registered();
        String token = tokenFor(credential);

        HttpResponse<String> response = ImsHttp.send(HttpRequest.newBuilder(url("/ims/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic(credential.clientId(), credential.clientSecret()))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + ImsHttp.encode(token)))
                .build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertInvalid(validate(credential.clientId(), token), "the token was invalidated");
    }

    @Test
    void keepsTheTokenValidWhenBasicAuthenticationHasAWrongSecret() throws Exception {
        Credential credential = registered();
        String token = tokenFor(credential);

        HttpResponse<String> response = ImsHttp.send(HttpRequest.newBuilder(url("/ims/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic(credential.clientId(), "wrong-secret"))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + ImsHttp.encode(token)))
                .build());

        assertImsError(response, 400, "invalid_client", "invalid client_secret parameter",
                "does not match the secret registered for client_id " + credential.clientId());
        assertValid(validate(credential.clientId(), token), token);
    }

    @Test
    void revokesATokenWithOnlyTheClientIdParameter() {
        Credential credential = registered();
        String token = tokenFor(credential);

        HttpResponse<String> response = ImsHttp.postForm(url("/ims/revoke"), Map.of("token", token, "client_id", credential.clientId()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertInvalid(validate(credential.clientId(), token), "the token was invalidated");
    }

    @Test
    void refusesToRevokeAnotherClientsTokenAndKeepsItValid() throws Exception {
        Credential owner = registered();
        Credential other = registered();
        String token = tokenFor(owner);

        HttpResponse<String> response = ImsHttp.postForm(url("/ims/revoke"), Map.of("token", token, "client_id", other.clientId()));

        assertImsError(response, 400, "invalid_request", "The token was not issued to this client.",
                "the token belongs to client_id " + owner.clientId());
        assertValid(validate(owner.clientId(), token), token);
    }

    // credential removal

    @Test
    void stopsValidatingTheTokensOfARemovedCredential() throws Exception {
        Credential credential = registered();
        String token = tokenFor(credential);
        assertValid(validate(credential.clientId(), token), token);

        assertThat(ims.removeCredential(credential.clientId())).isTrue();

        assertInvalid(validate(credential.clientId(), token),
                "the credential of client_id " + credential.clientId(), "is no longer registered");
    }

    @Test
    void doesNotValidateATokenIssuedByAnotherFakeInTheSameJvm() throws Exception {
        Credential credential = TestCredentials.credential();
        try (FakeImsServer first = FakeImsServer.start(FakeImsConfig.builder().credential(credential).build());
             FakeImsServer second = FakeImsServer.start(FakeImsConfig.builder().credential(credential).build())) {
            String token = tokenFor(first, credential);

            assertValid(validate(first, credential.clientId(), token), token);
            assertInvalid(validate(second, credential.clientId(), token), "not issued by this fake IMS instance");
        }
    }

    // expiry and lifetime

    @Test
    void expiresATokenExactlyADayAfterItWasCreated() throws Exception {
        TestClock clock = TestClock.at("2025-11-06T16:22:42.065Z");
        Credential credential = TestCredentials.credential();
        try (FakeImsServer server = FakeImsServer.start(FakeImsConfig.builder().clock(clock).credential(credential).build())) {
            String token = tokenFor(server, credential);
            Map<String, Object> claims = claimsOf(token);
            assertThat(claims).containsEntry("created_at", "1762446162065").containsEntry("expires_in", "86400000");
            Instant expiresAt = Instant.parse("2025-11-07T16:22:42.065Z");

            clock.set(expiresAt.minusMillis(1));
            assertValid(validate(server, credential.clientId(), token), token);

            clock.set(expiresAt);
            assertInvalid(validate(server, credential.clientId(), token), "the token expired at " + expiresAt);

            clock.advance(Duration.ofHours(1));
            assertInvalid(validate(server, credential.clientId(), token), "the token expired at " + expiresAt);
        }
    }

    @Test
    void usesTheConfiguredTokenLifetimeOnBothTokenEndpointsAndInTheToken() throws Exception {
        Duration lifetime = Duration.ofMinutes(90);
        Credential credential = TestCredentials.credential();
        try (FakeImsServer server = FakeImsServer.start(FakeImsConfig.builder().tokenLifetime(lifetime).credential(credential).build())) {
            HttpResponse<String> oauth = requestToken(server, credential);
            HttpResponse<String> exchanged = ImsHttp.postForm(server.baseUrl().resolve("/ims/exchange/jwt"), Map.of(
                    "client_id", credential.clientId(),
                    "client_secret", credential.clientSecret(),
                    "jwt_token", ServiceAccountJwt.forCredential(credential, server.baseUrl()).serialize()));

            assertThat(oauth.statusCode()).as(oauth.body()).isEqualTo(200);
            assertThat(ImsHttp.json(oauth)).containsEntry("expires_in", 5_399L); // the time remaining
            assertThat(claimsOf((String) ImsHttp.json(oauth).get("access_token"))).containsEntry("expires_in", "5400000");
            assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
            assertThat((Long) ImsHttp.json(exchanged).get("expires_in")).isBetween(5_340_000L, 5_399_999L);
            assertThat(claimsOf((String) ImsHttp.json(exchanged).get("access_token"))).containsEntry("expires_in", "5400000");
        }
    }

    @Test
    void expiresATokenAtTheEndOfTheConfiguredLifetime() throws Exception {
        TestClock clock = TestClock.at("2025-01-01T00:00:00Z");
        Credential credential = TestCredentials.credential();
        FakeImsConfig config = FakeImsConfig.builder().clock(clock).tokenLifetime(Duration.ofMinutes(10)).credential(credential).build();
        try (FakeImsServer server = FakeImsServer.start(config)) {
            String token = tokenFor(server, credential);

            clock.advance(Duration.ofMinutes(10).minusMillis(1));
            assertValid(validate(server, credential.clientId(), token), token);

            clock.advance(Duration.ofMillis(1));
            assertInvalid(validate(server, credential.clientId(), token), "the token expired at 2025-01-01T00:10:00Z");
        }
    }

    private static Map<String, String> with(Map<String, String> form, String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(form);
        changed.put(name, value);
        return changed;
    }
}

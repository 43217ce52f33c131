package io.github.fakeims.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.Grant;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service as a resource server: it accepts IMS access tokens, checked against the fake's /ims/keys, and refuses the rest. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResourceServerTest {

    static final FakeImsServer ims = FakeImsServer.start(FakeImsConfig.builder().build());
    static final DeveloperCredential caller = DeveloperCredential.builder()
            .grants(Grant.CLIENT_CREDENTIALS).scopes("openid", "AdobeID").registerOn(ims);
    static final DeveloperCredential openidOnly = DeveloperCredential.builder()
            .grants(Grant.CLIENT_CREDENTIALS).scopes("openid").registerOn(ims);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void ims(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> ims.baseUrl().resolve("/ims/keys").toString());
        registry.add("spring.security.oauth2.client.registration.ims.client-id", caller::clientId);
        registry.add("spring.security.oauth2.client.registration.ims.client-secret", caller::clientSecret);
        registry.add("spring.security.oauth2.client.provider.ims.token-uri", () -> ims.baseUrl().resolve("/ims/token/v3").toString());
    }

    @AfterAll
    static void stopIms() {
        ims.close();
    }

    @AfterEach
    void resetTheFakesClock() {
        ims.clock().reset();
    }

    @LocalServerPort
    int port;

    @Test
    void acceptsATokenFromImsAndKnowsTheCaller() throws Exception {
        HttpResponse<String> response = callWith(token(caller, "openid,AdobeID"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"clientId\":\"" + caller.clientId() + "\"").contains("\"org\":\"" + caller.orgId() + "\"");
    }

    @Test
    void refusesARequestWithoutAToken() throws Exception {
        assertThat(call(HttpRequest.newBuilder(api())).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesATokenWhoseClaimsWereEdited() throws Exception {
        String[] parts = token(openidOnly, "openid").split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"openid\"", "\"openid,AdobeID\"");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        HttpResponse<String> response = callWith(forged);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).contains("invalid_token"));
    }

    @Test
    void refusesATokenPastItsImsLifetime() throws Exception {
        ims.clock().fixAt(Instant.now().minus(Duration.ofHours(25)));
        String expired = token(caller, "openid,AdobeID");

        HttpResponse<String> response = callWith(expired);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).contains("expired"));
    }

    @Test
    void forbidsATokenWithoutTheScopeTheApiWants() throws Exception {
        assertThat(callWith(token(openidOnly, "openid")).statusCode()).isEqualTo(403);
    }

    private URI api() {
        return URI.create("http://127.0.0.1:" + port + "/api/caller");
    }

    private HttpResponse<String> callWith(String token) throws Exception {
        return call(HttpRequest.newBuilder(api()).header("Authorization", "Bearer " + token));
    }

    private static HttpResponse<String> call(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An OAuth Server-to-Server token from the fake, as any IMS client gets one. */
    private static String token(DeveloperCredential credential, String scope) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + credential.clientId() + "&client_secret="
                + URLEncoder.encode(credential.clientSecret(), StandardCharsets.UTF_8) + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(ims.baseUrl().resolve("/ims/token/v3"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }
}

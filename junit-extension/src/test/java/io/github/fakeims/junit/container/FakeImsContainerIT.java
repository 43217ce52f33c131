package io.github.fakeims.junit.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.FeignException;
import com.adobe.aio.ims.ImsService;
import io.github.fakeims.junit.AuthType;
import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.junit.FakeImsContainer;
import io.github.fakeims.junit.internal.AioClients;
import io.github.fakeims.server.FakeImsAdminClient;
import io.github.fakeims.server.FakeImsAdminException;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.JournalFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image as users run it: started by Testcontainers, reached only through its mapped port. */
@RequiresDocker
class FakeImsContainerIT {

    private final List<FakeImsContainer> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(FakeImsContainer::stop);
    }

    /** A throwaway credential, configured into a container started from {@code setup}. */
    private DeveloperCredential inContainer(java.util.function.UnaryOperator<FakeImsContainer> setup,
                                            java.util.function.Function<io.github.fakeims.server.Credential, FakeImsContainer> create) {
        return DeveloperCredential.builder().registerVia(credential -> {
            FakeImsContainer container = setup.apply(create.apply(credential));
            started.add(container);
            container.start();
            return container.admin();
        });
    }

    private DeveloperCredential withCredential(java.util.function.UnaryOperator<FakeImsContainer> setup) {
        return inContainer(setup, credential -> new FakeImsContainer(FakeImsImage.name()).withCredential(credential));
    }

    @Test
    void theRealClientGetsServiceAccountAndOAuthTokensFromTheContainer() {
        DeveloperCredential credential = withCredential(container -> container);

        ImsService jwt = AioClients.imsService(credential, AuthType.SERVICE_ACCOUNT_JWT);
        String token = jwt.getJwtExchangeAccessToken().getAccessToken();
        assertThat(jwt.validateAccessToken(token)).isTrue();
        assertThat(AioClients.imsService(credential, AuthType.OAUTH_SERVER_TO_SERVER).getOAuthAccessToken().getAccessToken()).isNotBlank();

        FakeImsAdminClient admin = started.get(0).admin();
        assertThat(admin.isHealthy()).isTrue();
        assertThat(admin.journal().entries(JournalFilter.of(ImsEndpoint.JWT_EXCHANGE).succeeded())).hasSize(1);
        assertThat(admin.journal().entries(JournalFilter.of(ImsEndpoint.TOKEN).succeeded())).hasSize(1);
        assertThat(admin.issuedTokens().find(token)).hasValueSatisfying(found -> assertThat(found.clientId()).isEqualTo(credential.clientId()));
    }

    @Test
    void withHttpsTheContainerServesTlsOnItsSecondPortAndHandsOutItsCa() throws Exception {
        DeveloperCredential credential = withCredential(FakeImsContainer::withHttps);
        FakeImsContainer container = started.get(0);
        HttpClient trusting = HttpClient.newBuilder().sslContext(container.tls().clientSslContext()).build();
        URI https = container.getHttpsBaseUrl();
        com.nimbusds.jwt.JWTClaimsSet.Builder claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(credential.orgId())
                .subject(credential.technicalAccountId()).audience(https + "/c/" + credential.clientId())
                .claim("exp", java.time.Instant.now().getEpochSecond() + 300);
        credential.metascopes().forEach(code -> claims.claim(https + "/s/" + code, true));
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.RS256),
                claims.build());
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(credential.privateKey()));
        String form = "client_id=" + credential.clientId() + "&client_secret=" + credential.clientSecret() + "&jwt_token=" + jwt.serialize();

        HttpResponse<String> exchange = trusting.send(HttpRequest.newBuilder(URI.create(container.getHttpsBaseUrl() + "/ims/exchange/jwt"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(container.getHttpsBaseUrl().getScheme()).isEqualTo("https");
        assertThat(exchange.statusCode()).as(exchange.body()).isEqualTo(200);
        // The admin client speaks HTTPS too, so an AEM file names the mapped address, not the one inside the container.
        container.admin().register(credential.registered());
        assertThat(container.admin().exportCredential(credential.clientId(), io.github.fakeims.server.CredentialFileFormat.CONSOLE_WORKSPACE))
                .contains(credential.clientId());
        assertThat(container.admin().baseUrl()).isEqualTo(https);
    }

    @Test
    void faultsAndTheClockAreDrivenThroughTheAdminApi() {
        DeveloperCredential credential = withCredential(container -> container);
        FakeImsAdminClient admin = started.get(0).admin();
        ImsService client = AioClients.imsService(credential, AuthType.SERVICE_ACCOUNT_JWT);

        admin.faults().add(Fault.status(503).on(ImsEndpoint.JWT_EXCHANGE));
        assertThatThrownBy(client::getJwtExchangeAccessToken).isInstanceOf(FeignException.class)
                .hasMessageContaining("[503 Service Unavailable]").hasMessageContaining("temporarily_unavailable");
        admin.clock().advance(Duration.ofDays(2)); // the client's JWT (exp now + 180 s) is now expired
        assertThatThrownBy(client::getJwtExchangeAccessToken).isInstanceOf(FeignException.class)
                .hasMessageContaining("[400 Bad Request]").hasMessageContaining("invalid_token");

        assertThat(admin.journal().entries(JournalFilter.of(ImsEndpoint.JWT_EXCHANGE)))
                .extracting(entry -> entry.status() + " " + entry.error().orElse(""))
                .containsExactly("503 temporarily_unavailable", "400 invalid_token");
        admin.reset();
        assertThat(client.getJwtExchangeAccessToken().getAccessToken()).isNotBlank(); // the configured credential stays
    }

    @Test
    void aMountedConfigFileConfiguresTheFake(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("fake-ims.json");
        DeveloperCredential credential = inContainer(container -> container, configured -> {
            try {
                Files.writeString(file, FakeImsConfig.builder().credential(configured).tokenLifetime(Duration.ofHours(1)).build().toJson());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new FakeImsContainer(FakeImsImage.name()).withConfigFile(file);
        });

        HttpResponse<String> token = post(credential.imsUrl(), "/ims/token/v3", "grant_type=client_credentials&client_id="
                + credential.clientId() + "&client_secret=" + credential.clientSecret() + "&scope=openid");

        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.body()).contains("\"expires_in\":3599"); // the 3600 s lifetime, less the time spent, as real IMS
    }

    @Test
    void theDockerComposeExampleConfigurationServesItsCredential() throws Exception {
        Path project = Path.of(System.getProperty("fake-ims.project-dir", ".."));
        String compose = Files.readString(project.resolve("examples/docker-compose.yml"));
        assertThat(compose).contains("./docker/fake-ims.json:/config/fake-ims.json:ro").contains("FAKE_IMS_CONFIG: /config/fake-ims.json");
        FakeImsContainer container = new FakeImsContainer(FakeImsImage.name())
                .withConfigFile(project.resolve("examples/docker/fake-ims.json"))
                .withAdminToken("change-me");
        started.add(container);
        container.start();

        HttpResponse<String> token = post(container.getBaseUrl(), "/ims/token/v3",
                "grant_type=client_credentials&client_id=compose-example-client&client_secret=p8e-compose-example-secret&scope=openid");

        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(container.admin().credentials()).extracting(c -> c.clientId()).containsExactly("compose-example-client");
    }

    @Test
    void theAdminTokenIsEnforcedAndTheHealthRouteStaysOpen() throws Exception {
        DeveloperCredential credential = withCredential(container -> container.withAdminToken("s3cret-admin"));
        URI url = credential.imsUrl();

        assertThat(send(HttpRequest.newBuilder(URI.create(url + "/fake-ims/journal")).GET()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create(url + "/fake-ims/health")).GET()).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> FakeImsAdminClient.connect(url).journal().entries())
                .isInstanceOf(FakeImsAdminException.class).hasMessageContaining("401");
        assertThatThrownBy(() -> FakeImsAdminClient.connect(url, "wrong").faults().clear())
                .isInstanceOf(FakeImsAdminException.class).hasMessageContaining("not the admin token");
        assertThat(started.get(0).admin().credentials()).extracting(c -> c.clientId()).containsExactly(credential.clientId());
    }

    private static HttpResponse<String> post(URI base, String path, String form) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

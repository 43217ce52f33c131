package io.github.fakeims.server.internal;

import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.internal.control.FaultSchedule;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.control.JournalStore;
import io.github.fakeims.server.internal.control.RequestJournal;
import io.github.fakeims.server.internal.control.SettableClock;
import io.github.fakeims.server.internal.handler.Router;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.ServiceAccountJwt;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.internal.http.ImsResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The handlers as pure functions: requests in, responses out, no socket anywhere. */
class FakeImsEngineTest {

    private static final int PORT = 8080;
    private static final URI BASE = URI.create("http://127.0.0.1:" + PORT);

    private final Credential credential = TestCredentials.credential();
    private final FakeImsEngine engine = new FakeImsEngine(FakeImsConfig.builder().credential(credential).build(), PORT, BASE);

    private ImsResponse post(String path, String form) {
        return engine.handle("POST", path, null, Map.of("Host", List.of("127.0.0.1:" + PORT),
                "Content-Type", List.of("application/x-www-form-urlencoded")), form.getBytes(StandardCharsets.UTF_8));
    }

    private ImsResponse get(String path, String bearer) {
        return engine.handle("GET", path, null, bearer == null ? Map.of() : Map.of("Authorization", List.of("Bearer " + bearer)),
                new byte[0]);
    }

    private static Map<String, Object> json(ImsResponse response) throws Exception {
        return JSONObjectUtils.parse(response.bodyText());
    }

    private String exchange() throws Exception {
        String jwt = ServiceAccountJwt.forCredential(credential, BASE).serialize();
        ImsResponse response = post("/ims/exchange/jwt", "client_id=" + credential.clientId() + "&client_secret="
                + credential.clientSecret() + "&jwt_token=" + URLEncoder.encode(jwt, StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(200);
        return (String) json(response).get("access_token");
    }

    @Test
    void theExchangeHandlerIssuesATokenForAValidJwt() throws Exception {
        assertThat(exchange()).isNotBlank();
    }

    @Test
    void theExchangeHandlerAnswersAnImsErrorWithTheReasonBesideIt() throws Exception {
        ImsResponse response = post("/ims/exchange/jwt", "client_id=nobody&client_secret=x&jwt_token="
                + ServiceAccountJwt.forCredential(credential, BASE).serialize());

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response)).containsEntry("error", "invalid_client").containsEntry("error_description", ImsError.BAD_CLIENT_ID);
        assertThat(response.headers()).containsKey(ImsResponse.REASON_HEADER).containsKey(Dispatcher.DEBUG_ID_HEADER);
        assertThat(response.headers().get(ImsResponse.REASON_HEADER)).contains("no credential has client_id nobody");
    }

    @Test
    void theTokenHandlerIssuesAClientCredentialsTokenInSeconds() throws Exception {
        ImsResponse response = post("/ims/token/v3", "grant_type=client_credentials&client_id=" + credential.clientId()
                + "&client_secret=" + credential.clientSecret() + "&scope=openid");

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response)).hasEntrySatisfying("expires_in", io.github.fakeims.server.ExpiresIn::assertRemainingSeconds).containsEntry("token_type", "bearer");
    }

    @Test
    void theValidationHandlersValidateAndInvalidate() throws Exception {
        String token = exchange();
        String validate = "type=access_token&client_id=" + credential.clientId() + "&token=" + token;

        assertThat(json(post("/ims/validate_token/v1", validate))).containsEntry("valid", true);
        assertThat(post("/ims/invalidate_token/v2", "token_type=access_token&token=" + token + "&client_id="
                + credential.clientId() + "&client_secret=" + credential.clientSecret()).status()).isEqualTo(200);
        assertThat(json(post("/ims/validate_token/v1", validate))).containsEntry("valid", false)
                .containsEntry("reason", "invalidated");
    }

    @Test
    void theProfileHandlersNeedAValidBearerToken() throws Exception {
        String token = exchange();

        assertThat(json(get("/ims/profile/v1", token))).containsEntry("userId", credential.technicalAccountId());
        assertThat(get("/ims/profile/v1", null).status()).isEqualTo(401);
        assertThat(get("/ims/organizations/v6", token + "x").status()).isEqualTo(401);
    }

    @Test
    void theDiscoveryHandlersPublishTheKeyAndTheEndpoints() throws Exception {
        assertThat(get("/ims/keys", null).bodyText()).contains("\"kid\":\"fake_ims-key-at-1\"").doesNotContain("\"d\":");
        assertThat(json(get("/ims/.well-known/openid-configuration", null)))
                .containsEntry("token_endpoint", BASE + "/ims/token/v3");
        assertThat(json(get("/fake-ims/health", null))).containsEntry("status", "UP");
    }

    @Test
    void aBugInAHandlerIsA500WithAnImsShapedBodyAndNoStackTrace() throws Exception {
        SettableClock clock = new SettableClock(Clock.systemUTC());
        Dispatcher dispatcher = new Dispatcher(new Router().route(ImsEndpoint.KEYS, request -> {
            throw new IllegalStateException("boom");
        }), (scheme, method, path, query, headers, body) -> ImsResponse.empty(204), new FaultSchedule(clock),
                new RequestJournal(new JournalStore(10), clock), new RequestGate("127.0.0.1", java.util.List.of()));

        // The fake logs a bug with its stack trace at WARNING; this one is on purpose, so keep the build log clean.
        Logger log = Logger.getLogger("io.github.fakeims.server");
        Level level = log.getLevel();
        log.setLevel(Level.OFF);
        ImsResponse response;
        try {
            response = dispatcher.dispatch("GET", "/ims/keys", null, Map.of(), new byte[0]);
        } finally {
            log.setLevel(level);
        }

        assertThat(response.status()).isEqualTo(500);
        assertThat(json(response)).containsEntry("error", "server_error");
        assertThat(response.bodyText()).doesNotContain("boom").doesNotContain("at io.github");
        assertThat(response.headers().get(ImsResponse.REASON_HEADER)).contains("IllegalStateException");
    }

    @Test
    void theRouterIgnoresATrailingSlashAndAnswers404And405AsJson() throws Exception {
        assertThat(get("/fake-ims/health/", null).status()).isEqualTo(200);
        assertThat(json(get("/nowhere", null))).containsEntry("error", "not_found");
        ImsResponse wrongMethod = get("/ims/token/v3", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers()).containsEntry("Allow", "POST");
    }
}

package io.github.fakeims.server.admin;

import static io.github.fakeims.server.admin.AdminWire.assertAdminError;
import static io.github.fakeims.server.admin.AdminWire.credentialJson;
import static io.github.fakeims.server.admin.AdminWire.describe;
import static io.github.fakeims.server.admin.AdminWire.fingerprint;
import static io.github.fakeims.server.admin.AdminWire.pem;
import static io.github.fakeims.server.admin.AdminWire.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.JournalFilter;
import io.github.fakeims.server.ServiceAccountJwt;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.admin.AdminWire.ControlState;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may use the admin API. With an admin token, every route but {@code /fake-ims/health} wants
 * {@code Authorization: Bearer <token>}, exactly that token, and a refused request changes nothing;
 * with the admin API off, every route but health is 404 and changes nothing.
 */
class AdminApiSecurityTest {

    private static final String ADMIN_TOKEN = "s3cret-Admin-Token_42";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final X509Certificate SECOND_CERTIFICATE = TestKeys.certificate(TestKeys.OTHER_KEYS);
    private static final X509Certificate THIRD_CERTIFICATE = TestKeys.certificate(TestKeys.OTHER_KEYS);
    /** The configured credential: two certificates, so one can be removed. */
    private static final Credential CREDENTIAL = TestCredentials.credential(TestKeys.KEYS).certificate(SECOND_CERTIFICATE).build();
    private static final String ID = CREDENTIAL.clientId();
    private static final Credential NEW_CREDENTIAL = TestCredentials.credential();

    @AutoClose
    private static FakeImsServer guarded;
    @AutoClose
    private static FakeImsServer closed;

    /** One admin route, with a body that is valid for it; {@code ${accessToken}} and {@code ${jwt}} are filled in per server. */
    record Route(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        HttpResponse<String> send(FakeImsServer ims, String accessToken, String authorization) {
            String filled = body.replace("${accessToken}", accessToken)
                    .replace("${jwt}", ServiceAccountJwt.forCredential(CREDENTIAL, ims.baseUrl()).serialize());
            return AdminWire.send(ims.baseUrl(), method, path, filled, authorization);
        }
    }

    /** An {@code Authorization} header that must not open the admin API; null sends none. */
    record Attempt(String name, String authorization) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every admin route but health, each with a request that succeeds when authorized. */
    static List<Route> routes() {
        String credential = "/fake-ims/credentials/" + ID;
        return List.of(
                new Route("GET", "/fake-ims/credentials", ""),
                new Route("POST", "/fake-ims/credentials", credentialJson(NEW_CREDENTIAL)),
                new Route("GET", credential, ""),
                new Route("PUT", credential, credentialJson(CREDENTIAL.toBuilder().clientSecret("p8e-changed-secret").build())),
                new Route("DELETE", credential, ""),
                new Route("POST", credential + "/certificates", pem(THIRD_CERTIFICATE)),
                new Route("POST", credential + "/certificates", "{\"certificate\":" + quoted(pem(THIRD_CERTIFICATE)) + "}"),
                new Route("DELETE", credential + "/certificates/" + fingerprint(SECOND_CERTIFICATE), ""),
                new Route("POST", credential + "/convert-to-oauth", ""),
                new Route("GET", "/fake-ims/journal", ""),
                new Route("GET", "/fake-ims/journal?endpoint=TOKEN&outcome=succeeded", ""),
                new Route("DELETE", "/fake-ims/journal", ""),
                new Route("POST", "/fake-ims/journal/take?timeoutMillis=0", ""),
                new Route("GET", "/fake-ims/tokens", ""),
                new Route("POST", "/fake-ims/tokens/find", "{\"token\":\"${accessToken}\"}"),
                new Route("GET", "/fake-ims/faults", ""),
                new Route("POST", "/fake-ims/faults", "{\"status\":503,\"endpoint\":\"TOKEN\"}"),
                new Route("DELETE", "/fake-ims/faults", ""),
                new Route("GET", "/fake-ims/clock", ""),
                new Route("POST", "/fake-ims/clock/fix", "{\"instant\":\"2040-01-01T00:00:00Z\"}"),
                new Route("POST", "/fake-ims/clock/advance", "{\"seconds\":60}"),
                new Route("POST", "/fake-ims/clock/reset", ""),
                new Route("POST", "/fake-ims/verify-jwt", "{\"clientId\":" + quoted(ID) + ",\"jwt\":\"${jwt}\"}"),
                new Route("POST", "/fake-ims/reset", ""));
    }

    static List<Attempt> refusedAuthorizations() {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_TOKEN).getBytes(StandardCharsets.UTF_8));
        return List.of(
                new Attempt("no Authorization header", null),
                new Attempt("a wrong token", "Bearer wrong-token"),
                new Attempt("a prefix of the token", "Bearer " + ADMIN_TOKEN.substring(0, ADMIN_TOKEN.length() - 1)),
                new Attempt("the token plus a character", "Bearer " + ADMIN_TOKEN + "x"),
                new Attempt("the token plus a second word", "Bearer " + ADMIN_TOKEN + " " + ADMIN_TOKEN),
                new Attempt("the token in upper case", "Bearer " + ADMIN_TOKEN.toUpperCase(Locale.ROOT)),
                new Attempt("the token with the Basic scheme", "Basic " + basic),
                new Attempt("the token with a Token scheme", "Token " + ADMIN_TOKEN),
                new Attempt("the bare token without a scheme", ADMIN_TOKEN),
                new Attempt("Bearer without a token", "Bearer"));
    }

    static Stream<Arguments> unauthorizedRequests() {
        List<Arguments> arguments = new ArrayList<>();
        for (Route route : routes()) {
            for (Attempt attempt : refusedAuthorizations()) {
                arguments.add(Arguments.of(route, attempt));
            }
        }
        return arguments.stream();
    }

    @BeforeAll
    static void start() {
        FakeImsConfig config = FakeImsConfig.builder().credential(CREDENTIAL).build();
        guarded = FakeImsServer.start(config.toBuilder().adminToken(ADMIN_TOKEN).build());
        closed = FakeImsServer.start(config.toBuilder().adminApi(false).build());
    }

    private String guardedAccessToken;
    private String closedAccessToken;

    /** Every route has something to change: a journal entry not yet taken, an issued token, a pending fault, a fixed clock. */
    @BeforeEach
    void prepareState() {
        guardedAccessToken = prepare(guarded);
        closedAccessToken = prepare(closed);
    }

    private static String prepare(FakeImsServer ims) {
        ims.reset();
        ims.clock().fixAt(NOW);
        HttpResponse<String> token = ImsHttp.postForm(ims.baseUrl().resolve("/ims/token/v3"), Map.of("grant_type", "client_credentials",
                "client_id", CREDENTIAL.clientId(), "client_secret", CREDENTIAL.clientSecret(), "scope", "openid"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        ims.faults().add(Fault.status(503).on(ImsEndpoint.KEYS).times(2));
        return (String) ImsHttp.json(token).get("access_token");
    }

    // --- with an admin token --------------------------------------------------------------------

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("unauthorizedRequests")
    void everyAdminRouteRefusesARequestWithoutTheExactTokenAndChangesNothing(Route route, Attempt attempt) {
        ControlState before = ControlState.of(guarded);

        HttpResponse<String> response = route.send(guarded, guardedAccessToken, attempt.authorization());

        String sample = describe(route.method(), route.path(), "", response);
        Map<String, Object> json = assertAdminError(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(sample)
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(json.keySet()).as(sample).containsExactlyInAnyOrder("error", "error_description", "reason");
        assertThat(ControlState.of(guarded)).as(sample).isEqualTo(before);
        assertThat(guarded.journal().takeNext(JournalFilter.all(), Duration.ZERO))
                .as("the journal entry is still there to take after %s", sample).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void everyAdminRouteWorksWithTheAdminToken(Route route) {
        HttpResponse<String> response = route.send(guarded, guardedAccessToken, "Bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).as(describe(route.method(), route.path(), "", response)).isBetween(200, 299);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void theBearerSchemeIsMatchedWithoutRegardToCase() {
        HttpResponse<String> response = AdminWire.send(guarded.baseUrl(), "GET", "/fake-ims/clock", "", "bearer " + ADMIN_TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(AdminWire.object(response)).containsEntry("now", NOW.toString()).containsEntry("fixed", true);
    }

    @Test
    void theTokenComparisonAcceptsNeitherAPrefixNorTheTokenWithExtraCharacters() {
        List<String> near = new ArrayList<>();
        for (int length = 0; length < ADMIN_TOKEN.length(); length++) {
            near.add(ADMIN_TOKEN.substring(0, length));
        }
        for (String extra : List.of("x", "0", "-", "_", "=", "%00", ".", ADMIN_TOKEN)) {
            near.add(ADMIN_TOKEN + extra);
        }
        near.add("x" + ADMIN_TOKEN);
        near.add(ADMIN_TOKEN.substring(1));

        for (String candidate : near) {
            HttpResponse<String> response = AdminWire.send(guarded.baseUrl(), "POST", "/fake-ims/clock/advance",
                    "{\"seconds\":3600}", "Bearer " + candidate);

            assertThat(response.statusCode()).as("Bearer '%s' -> %s", candidate, response.body()).isEqualTo(401);
        }
        assertThat(guarded.clock().now()).isEqualTo(NOW);
        assertThat(AdminWire.send(guarded.baseUrl(), "GET", "/fake-ims/clock", "", "Bearer " + ADMIN_TOKEN).statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownAdminRoutesAreRefusedWithoutTheTokenToo() {
        for (String path : List.of("/fake-ims/nothing-here", "/fake-ims", "/fake-ims/credentials/" + ID + "/nothing")) {
            HttpResponse<String> response = AdminWire.send(guarded.baseUrl(), "GET", path, "", null);

            assertAdminError(response, 401, "unauthorized");
        }
    }

    @Test
    void healthAnswersWithoutTheTokenAndWithAWrongOne() {
        for (String authorization : new String[] {null, "Bearer wrong-token", "Basic Zm9vOmJhcg=="}) {
            HttpResponse<String> response = AdminWire.send(guarded.baseUrl(), "GET", "/fake-ims/health", "", authorization);

            assertThat(response.statusCode()).as("Authorization: %s", authorization).isEqualTo(200);
            assertThat(AdminWire.object(response)).isEqualTo(Map.of("status", "UP"));
            assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        }
    }

    @Test
    void theTokenDoesNotGuardTheImsEndpoints() {
        HttpResponse<String> keys = ImsHttp.get(guarded.baseUrl().resolve("/ims/.well-known/openid-configuration"), null);

        assertThat(keys.statusCode()).as(keys.body()).isEqualTo(200);
    }

    // --- with the admin API off ----------------------------------------------------------------

    static Stream<Arguments> requestsToTheClosedAdminApi() {
        List<Arguments> arguments = new ArrayList<>();
        for (Route route : routes()) {
            arguments.add(Arguments.of(route, new Attempt("no Authorization header", null)));
            arguments.add(Arguments.of(route, new Attempt("a bearer token", "Bearer " + ADMIN_TOKEN)));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("requestsToTheClosedAdminApi")
    void withTheAdminApiOffEveryAdminRouteIs404AndChangesNothing(Route route, Attempt attempt) {
        ControlState before = ControlState.of(closed);

        HttpResponse<String> response = route.send(closed, closedAccessToken, attempt.authorization());

        String sample = describe(route.method(), route.path(), "", response);
        Map<String, Object> json = assertAdminError(response, 404, "not_found");
        assertThat((String) json.get("reason")).as(sample).contains("adminApi");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(ControlState.of(closed)).as(sample).isEqualTo(before);
        assertThat(closed.journal().takeNext(JournalFilter.all(), Duration.ZERO)).as(sample).isPresent();
    }

    @Test
    void withTheAdminApiOffHealthStillAnswers() {
        HttpResponse<String> response = AdminWire.send(closed.baseUrl(), "GET", "/fake-ims/health", "", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AdminWire.object(response)).isEqualTo(Map.of("status", "UP"));
    }

    @Test
    void withTheAdminApiOffTheJavaControlPlaneStillWorks() {
        closed.clock().advance(Duration.ofMinutes(1));

        assertThat(closed.clock().now()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
        assertThat(closed.credential(ID)).isPresent();
    }
}

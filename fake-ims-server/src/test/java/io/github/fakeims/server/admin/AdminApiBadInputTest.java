package io.github.fakeims.server.admin;

import static io.github.fakeims.server.admin.AdminWire.assertAdminError;
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
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.admin.AdminWire.ControlState;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad admin input: a 400 whose {@code reason} names the field, a 404 for what does not exist, a 405
 * with {@code Allow} for a wrong method, never a 5xx, and in every case the control plane's state (as
 * the admin API shows it: credentials, pending faults, clock, issued tokens) exactly as it was.
 */
class AdminApiBadInputTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** The configured credential: a JWT one with a single certificate, which therefore cannot be removed. */
    private static final Credential CREDENTIAL = TestCredentials.credential();
    private static final String ID = CREDENTIAL.clientId();
    private static final X509Certificate ONLY_CERTIFICATE = CREDENTIAL.certificates().get(0);
    private static final X509Certificate OTHER_CERTIFICATE = TestKeys.certificate(TestKeys.OTHER_KEYS);

    @AutoClose
    private static FakeImsServer ims;
    private String accessToken;

    @BeforeAll
    static void start() {
        ims = FakeImsServer.start(FakeImsConfig.builder().credential(CREDENTIAL).build());
    }

    /** A fixed clock, an issued token, a journal entry, and two pending faults (one counted, one timed). */
    @BeforeEach
    void prepareState() {
        ims.reset();
        ims.clock().fixAt(NOW);
        HttpResponse<String> token = ImsHttp.postForm(ims.baseUrl().resolve("/ims/token/v3"), Map.of("grant_type", "client_credentials",
                "client_id", ID, "client_secret", CREDENTIAL.clientSecret(), "scope", "openid"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        accessToken = (String) ImsHttp.json(token).get("access_token");
        ims.faults().add(Fault.status(503).on(ImsEndpoint.KEYS).times(2));
        ims.faults().add(Fault.tooManyRequests(Duration.ofSeconds(5)).on(ImsEndpoint.VALIDATE_TOKEN).during(Duration.ofMinutes(10)));
    }

    /** The state as a curl user reads it, plus the same through the Java API. */
    private record State(String credentials, String faults, String clock, String tokens, ControlState control) {
        static State read() {
            return new State(get("/fake-ims/credentials"), get("/fake-ims/faults"), get("/fake-ims/clock"), get("/fake-ims/tokens"),
                    ControlState.of(ims));
        }

        private static String get(String path) {
            HttpResponse<String> response = AdminWire.send(ims.baseUrl(), "GET", path, "");
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
            return response.body();
        }
    }

    /** One bad request and the names its reason must mention. {@code ${accessToken}} is filled in. */
    record Bad(String what, String method, String path, String body, List<String> named) {
        @Override
        public String toString() {
            return what;
        }

        HttpResponse<String> send(String accessToken) {
            return AdminWire.send(ims.baseUrl(), method, path, body.replace("${accessToken}", accessToken));
        }
    }

    private static Bad bad(String what, String method, String path, String body, String... named) {
        return new Bad(what, method, path, body, List.of(named));
    }

    // --- the bodies the bad requests are made from ---------------------------------------------

    /** A valid new credential's JSON fields (raw JSON values), for a test to break. */
    private static String credential(Consumer<Map<String, String>> edit) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("clientId", "\"new-client\"");
        fields.put("clientSecret", "\"p8e-new-secret\"");
        fields.put("orgId", "\"NEW0123456789@AdobeOrg\"");
        fields.put("technicalAccountId", "\"NEW9876543210@techacct.adobe.com\"");
        fields.put("metascopes", "[\"ent_user_sdk\"]");
        fields.put("scopes", "[\"openid\"]");
        fields.put("grants", "[\"jwt_exchange\",\"client_credentials\"]");
        fields.put("certificates", "[" + quoted(pem(OTHER_CERTIFICATE)) + "]");
        edit.accept(fields);
        return fields.entrySet().stream().map(field -> quoted(field.getKey()) + ":" + field.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    static List<Bad> badInputs() {
        String credentials = "/fake-ims/credentials";
        String existing = credentials + "/" + ID;
        return List.of(
                // credentials
                bad("credential without orgId", "POST", credentials, credential(f -> f.remove("orgId")), "orgId"),
                bad("credential whose orgId lacks @AdobeOrg", "POST", credentials, credential(f -> f.put("orgId", "\"ABC123\"")),
                        "orgId", "@AdobeOrg"),
                bad("credential whose clientId is a number", "POST", credentials, credential(f -> f.put("clientId", "42")), "clientId"),
                bad("credential whose clientId is blank", "POST", credentials, credential(f -> f.put("clientId", "\"  \"")), "clientId"),
                bad("certificate entry that is not PEM", "POST", credentials,
                        credential(f -> f.put("certificates", "[\"not a certificate\"]")), "certificates[0]"),
                bad("second certificate entry that is not PEM", "POST", credentials,
                        credential(f -> f.put("certificates", "[" + quoted(pem(OTHER_CERTIFICATE)) + ",\"MIIBIjANBg\"]")),
                        "certificates[1]"),
                bad("certificate entry that is a file path", "POST", credentials,
                        credential(f -> f.put("certificates", "[\"/etc/hostname\"]")), "certificates[0]", "PEM"),
                bad("certificate entry that is a relative file path", "POST", credentials,
                        credential(f -> f.put("certificates", "[\"pom.xml\"]")), "certificates[0]"),
                bad("certificate entry with PEM armour around garbage", "POST", credentials,
                        credential(f -> f.put("certificates", "[\"-----BEGIN CERTIFICATE-----\\nZ2FyYmFnZQ==\\n-----END CERTIFICATE-----\"]")),
                        "certificates[0]"),
                bad("certificates as one string instead of an array", "POST", credentials,
                        credential(f -> f.put("certificates", quoted(pem(OTHER_CERTIFICATE)))), "certificates"),
                bad("JWT credential without certificates", "POST", credentials, credential(f -> f.remove("certificates")),
                        "certificates"),
                bad("unknown grant", "POST", credentials, credential(f -> f.put("grants", "[\"password\"]")), "grants", "password"),
                bad("metascopes as a string", "POST", credentials, credential(f -> f.put("metascopes", "\"ent_user_sdk\"")),
                        "metascopes"),
                bad("jtiRequired as a string", "POST", credentials, credential(f -> f.put("jtiRequired", "\"yes\"")), "jtiRequired"),
                bad("unknown credential field", "POST", credentials, credential(f -> f.put("clientSecrett", "\"x\"")), "clientSecrett"),
                bad("credential that is not JSON at all", "POST", credentials, "clientId=new-client", "credential", "JSON"),
                bad("credential cut off halfway", "POST", credentials, credential(f -> { }).substring(0, 40), "credential", "JSON"),
                bad("credential as a JSON array of objects", "POST", credentials, "[" + credential(f -> { }) + "]", "credential"),
                bad("credential as JSON null", "POST", credentials, "null", "credential"),
                bad("empty credential body", "POST", credentials, "", "credential"),
                bad("PUT with a clientId other than the path's", "PUT", existing,
                        credential(f -> f.put("clientId", "\"someone-else\"")), "clientId", "someone-else"),
                bad("PUT with a broken credential", "PUT", existing, credential(f -> {
                    f.put("clientId", quoted(ID));
                    f.remove("technicalAccountId");
                }), "technicalAccountId"),
                // certificates of a credential
                bad("removing the last certificate of a JWT credential", "DELETE", existing + "/certificates/" + fingerprint(ONLY_CERTIFICATE),
                        "", "certificates"),
                bad("adding a certificate that is not PEM", "POST", existing + "/certificates", "hello", "certificate"),
                bad("adding a certificate given as a number", "POST", existing + "/certificates", "{\"certificate\":42}", "certificate"),
                bad("adding a certificate under another field", "POST", existing + "/certificates",
                        "{\"pem\":" + quoted(pem(OTHER_CERTIFICATE)) + "}", "certificate"),
                // faults
                bad("fault with status 404", "POST", "/fake-ims/faults", "{\"status\":404}", "status", "404"),
                bad("fault with status 200", "POST", "/fake-ims/faults", "{\"status\":200}", "status"),
                bad("fault with status as a string", "POST", "/fake-ims/faults", "{\"status\":\"503\"}", "status"),
                bad("fault of an unknown type", "POST", "/fake-ims/faults", "{\"type\":\"explode\"}", "type", "explode"),
                bad("fault with neither type nor status", "POST", "/fake-ims/faults", "{\"endpoint\":\"TOKEN\"}", "type"),
                bad("fault with retryAfterSeconds 0", "POST", "/fake-ims/faults", "{\"status\":429,\"retryAfterSeconds\":0}",
                        "retryAfterSeconds"),
                bad("fault with retryAfterSeconds on a 500", "POST", "/fake-ims/faults", "{\"status\":500,\"retryAfterSeconds\":3}",
                        "retryAfterSeconds"),
                bad("fault with an unknown retryAfterFormat", "POST", "/fake-ims/faults",
                        "{\"status\":503,\"retryAfterSeconds\":3,\"retryAfterFormat\":\"minutes\"}", "retryAfterFormat"),
                bad("fault with an HTTP-date retryAfterFormat but no retryAfterSeconds", "POST", "/fake-ims/faults",
                        "{\"status\":503,\"retryAfterFormat\":\"http-date\"}", "retryAfterFormat"),
                bad("fault with times 0", "POST", "/fake-ims/faults", "{\"status\":503,\"times\":0}", "times"),
                bad("fault with times beyond an int", "POST", "/fake-ims/faults", "{\"status\":503,\"times\":3000000000}", "times"),
                bad("fault with times and durationSeconds", "POST", "/fake-ims/faults",
                        "{\"status\":503,\"times\":2,\"durationSeconds\":10}", "times", "duration"),
                bad("fault with durationMillis 0", "POST", "/fake-ims/faults", "{\"status\":503,\"durationMillis\":0}", "durationMillis"),
                bad("fault with an unknown malformation", "POST", "/fake-ims/faults",
                        "{\"type\":\"malformedBody\",\"malformation\":\"GARBLED\"}", "malformation", "GARBLED"),
                bad("malformedBody fault without malformation", "POST", "/fake-ims/faults", "{\"type\":\"malformedBody\"}", "malformation"),
                bad("delay fault of an hour", "POST", "/fake-ims/faults", "{\"type\":\"delay\",\"delayMillis\":3600000}", "delayMillis"),
                bad("fault on an unknown endpoint name", "POST", "/fake-ims/faults", "{\"status\":503,\"endpoint\":\"TOKENS\"}",
                        "endpoint", "TOKENS"),
                bad("fault on an unknown endpoint path", "POST", "/fake-ims/faults", "{\"status\":503,\"endpoint\":\"/ims/nothing\"}",
                        "endpoint"),
                bad("fault on the UNKNOWN endpoint", "POST", "/fake-ims/faults", "{\"status\":503,\"endpoint\":\"UNKNOWN\"}", "endpoint"),
                bad("fault for a blank clientId", "POST", "/fake-ims/faults", "{\"status\":503,\"clientId\":\" \"}", "clientId"),
                bad("fault with an unknown field", "POST", "/fake-ims/faults", "{\"status\":503,\"colour\":\"red\"}", "colour"),
                bad("fault as a JSON array", "POST", "/fake-ims/faults", "[{\"status\":503}]", "fault"),
                bad("fault that is not JSON", "POST", "/fake-ims/faults", "status=503", "fault"),
                // clock
                bad("clock/fix with a bad instant", "POST", "/fake-ims/clock/fix", "{\"instant\":\"tomorrow\"}", "instant", "tomorrow"),
                bad("clock/fix with a date only", "POST", "/fake-ims/clock/fix", "{\"instant\":\"2030-01-01\"}", "instant"),
                bad("clock/fix with a number", "POST", "/fake-ims/clock/fix", "{\"instant\":1893456000}", "instant"),
                bad("clock/fix without instant", "POST", "/fake-ims/clock/fix", "{}", "instant"),
                bad("clock/fix that is not JSON", "POST", "/fake-ims/clock/fix", "2030-01-01T00:00:00Z", "body"),
                bad("clock/advance with a bad duration", "POST", "/fake-ims/clock/advance", "{\"duration\":\"an hour\"}", "duration"),
                bad("clock/advance without an amount", "POST", "/fake-ims/clock/advance", "{}", "duration"),
                bad("clock/advance with seconds as a string", "POST", "/fake-ims/clock/advance", "{\"seconds\":\"60\"}", "seconds"),
                bad("clock/advance with fractional millis", "POST", "/fake-ims/clock/advance", "{\"millis\":1.5}", "millis"),
                // journal
                bad("journal filter with an unknown parameter", "GET", "/fake-ims/journal?colour=red", "", "colour"),
                bad("journal filter with a bad outcome", "GET", "/fake-ims/journal?outcome=maybe", "", "outcome", "maybe"),
                bad("journal filter with a negative afterSequence", "GET", "/fake-ims/journal?afterSequence=-1", "", "afterSequence"),
                bad("journal filter with a non-numeric afterSequence", "GET", "/fake-ims/journal?afterSequence=abc", "", "afterSequence"),
                bad("journal filter with an unknown endpoint", "GET", "/fake-ims/journal?endpoint=NOPE", "", "endpoint", "NOPE"),
                bad("journal take with a bad timeout", "POST", "/fake-ims/journal/take?timeoutMillis=soon", "", "timeoutMillis"),
                bad("journal take with an unknown parameter", "POST", "/fake-ims/journal/take?colour=red", "", "colour"),
                bad("credentials list with a parameter", "GET", "/fake-ims/credentials?clientId=x", "", "clientId"),
                bad("tokens list with a parameter", "GET", "/fake-ims/tokens?state=ACTIVE", "", "state"),
                // verify-jwt, tokens/find
                bad("verify-jwt without jwt", "POST", "/fake-ims/verify-jwt", "{\"clientId\":" + quoted(ID) + "}", "jwt"),
                bad("verify-jwt without clientId", "POST", "/fake-ims/verify-jwt", "{\"jwt\":\"a.b.c\"}", "clientId"),
                bad("verify-jwt with jwt as a number", "POST", "/fake-ims/verify-jwt", "{\"clientId\":" + quoted(ID) + ",\"jwt\":1}", "jwt"),
                bad("verify-jwt that is not JSON", "POST", "/fake-ims/verify-jwt", "a.b.c", "body"),
                bad("tokens/find without token", "POST", "/fake-ims/tokens/find", "{}", "token"),
                bad("tokens/find with token as an array", "POST", "/fake-ims/tokens/find", "{\"token\":[\"${accessToken}\"]}", "token"),
                bad("tokens/find with the token as the raw body", "POST", "/fake-ims/tokens/find", "${accessToken}", "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsA400NamingTheFieldAndChangesNothing(Bad bad) {
        State before = State.read();

        HttpResponse<String> response = bad.send(accessToken);

        String sample = describe(bad.method(), bad.path(), bad.body(), response);
        assertThat(response.statusCode()).as(sample).isEqualTo(400);
        Map<String, Object> json = assertAdminError(response, 400, "invalid_request");
        assertThat((String) json.get("reason")).as(sample).contains(bad.named());
        assertThat(State.read()).as(sample).isEqualTo(before);
    }

    /** The admin API's JSON is strict everywhere, as the config file is: an unknown field is named, not ignored. */
    static List<Bad> unknownFields() {
        return List.of(
                bad("credential", "POST", "/fake-ims/credentials", credential(f -> f.put("colour", "\"red\"")), "colour"),
                bad("fault", "POST", "/fake-ims/faults", "{\"status\":503,\"colour\":\"red\"}", "colour"),
                bad("clock/fix", "POST", "/fake-ims/clock/fix", "{\"instant\":\"2040-01-01T00:00:00Z\",\"colour\":\"red\"}", "colour"),
                bad("clock/advance", "POST", "/fake-ims/clock/advance", "{\"seconds\":60,\"colour\":\"red\"}", "colour"),
                bad("clock/advance with two amounts", "POST", "/fake-ims/clock/advance", "{\"seconds\":60,\"millis\":5}",
                        "seconds", "millis"),
                bad("verify-jwt", "POST", "/fake-ims/verify-jwt", "{\"clientId\":" + quoted(ID) + ",\"jwt\":\"a.b.c\",\"colour\":\"red\"}",
                        "colour"),
                bad("tokens/find", "POST", "/fake-ims/tokens/find", "{\"token\":\"${accessToken}\",\"colour\":\"red\"}", "colour"),
                bad("a certificate in JSON", "POST", "/fake-ims/credentials/" + ID + "/certificates",
                        "{\"certificate\":" + quoted(pem(OTHER_CERTIFICATE)) + ",\"colour\":\"red\"}", "colour"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownFields")
    void everyAdminJsonBodyRefusesAnUnknownFieldByName(Bad bad) {
        badInputIsA400NamingTheFieldAndChangesNothing(bad);
    }

    // --- numbers too large for the clock ------------------------------------------------------

    static List<Bad> outOfRangeAmounts() {
        return List.of(
                bad("advance by Long.MAX_VALUE seconds", "POST", "/fake-ims/clock/advance", "{\"seconds\":" + Long.MAX_VALUE + "}",
                        "seconds"),
                bad("advance by Long.MIN_VALUE seconds", "POST", "/fake-ims/clock/advance", "{\"seconds\":" + Long.MIN_VALUE + "}",
                        "seconds"),
                bad("advance by an ISO duration of 2562047788015215 hours", "POST", "/fake-ims/clock/advance",
                        "{\"duration\":\"PT2562047788015215H\"}", "duration"));
        // A fault lasting Long.MAX_VALUE seconds is accepted: it lasts for ever (FaultScheduleTest).
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRangeAmounts")
    void amountsBeyondWhatTheClockCanRepresentAreA400NotAServerError(Bad bad) {
        badInputIsA400NamingTheFieldAndChangesNothing(bad);
    }

    @Test
    void advancingARunningClockBeyondItsRangeIsRefusedAndLeavesTheFakeWorking() {
        ims.clock().reset();

        HttpResponse<String> advance = AdminWire.send(ims.baseUrl(), "POST", "/fake-ims/clock/advance",
                "{\"seconds\":" + Long.MAX_VALUE + "}");
        HttpResponse<String> clock = AdminWire.send(ims.baseUrl(), "GET", "/fake-ims/clock", "");
        HttpResponse<String> token = ImsHttp.postForm(ims.baseUrl().resolve("/ims/token/v3"), Map.of("grant_type", "client_credentials",
                "client_id", ID, "client_secret", CREDENTIAL.clientSecret(), "scope", "openid"));

        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(advance.statusCode()).as("the advance: %s", advance.body()).isEqualTo(400);
            softly.assertThat(clock.statusCode()).as("GET /fake-ims/clock afterwards: %s", clock.body()).isEqualTo(200);
            softly.assertThat(token.statusCode()).as("a token request afterwards: %s", token.body()).isEqualTo(200);
        });
    }

    @Test
    void aClockFixedAtTheLastInstantCannotBeAdvancedPastItAndStaysThere() {
        HttpResponse<String> fix = AdminWire.send(ims.baseUrl(), "POST", "/fake-ims/clock/fix", "{\"instant\":\"" + Instant.MAX + "\"}");
        assertThat(fix.statusCode()).as(fix.body()).isEqualTo(200);
        State before = State.read();

        HttpResponse<String> advance = AdminWire.send(ims.baseUrl(), "POST", "/fake-ims/clock/advance", "{\"seconds\":1}");

        assertThat(advance.statusCode()).as(advance.body()).isEqualTo(400);
        assertThat(State.read()).isEqualTo(before);
    }

    @Test
    void theReasonHeaderRepeatsTheBodysReasonExactly() {
        HttpResponse<String> response = AdminWire.send(ims.baseUrl(), "POST", "/fake-ims/credentials/" + ID + "/certificates", "hello");

        String reason = (String) AdminWire.object(response).get("reason");
        assertThat(reason).contains("not a PEM-encoded X.509 certificate");
        assertThat(response.headers().firstValue("X-Fake-Ims-Reason")).contains(reason);
    }

    // --- 404 and 405 ---------------------------------------------------------------------------

    static List<Bad> missing() {
        String existing = "/fake-ims/credentials/" + ID;
        return List.of(
                bad("the admin root", "GET", "/fake-ims", ""),
                bad("the admin root with a slash", "GET", "/fake-ims/", ""),
                bad("an unknown admin route", "GET", "/fake-ims/users", ""),
                bad("an unknown admin route by POST", "POST", "/fake-ims/shutdown", ""),
                bad("health with a sub-path", "GET", "/fake-ims/health/details", ""),
                bad("an unknown credential sub-route", "GET", existing + "/secret", ""),
                bad("an unknown credential sub-route by POST", "POST", existing + "/rotate", ""),
                bad("a credential route too deep", "DELETE", existing + "/certificates/" + fingerprint(ONLY_CERTIFICATE) + "/x", ""),
                bad("an unknown journal sub-route", "GET", "/fake-ims/journal/latest", ""),
                bad("an unknown tokens sub-route", "POST", "/fake-ims/tokens/revoke", "{\"token\":\"x\"}"),
                bad("an unknown clock action", "POST", "/fake-ims/clock/rewind", "{\"seconds\":60}"),
                bad("a fault by index", "DELETE", "/fake-ims/faults/0", ""),
                bad("reset with a sub-path", "POST", "/fake-ims/reset/all", ""),
                bad("an unknown credential", "GET", "/fake-ims/credentials/no-such-client", ""),
                bad("deleting an unknown credential", "DELETE", "/fake-ims/credentials/no-such-client", ""),
                bad("a certificate for an unknown credential", "POST", "/fake-ims/credentials/no-such-client/certificates",
                        pem(OTHER_CERTIFICATE)),
                bad("converting an unknown credential", "POST", "/fake-ims/credentials/no-such-client/convert-to-oauth", ""),
                bad("removing a certificate of an unknown credential", "DELETE",
                        "/fake-ims/credentials/no-such-client/certificates/" + fingerprint(ONLY_CERTIFICATE), ""),
                bad("removing a certificate the credential does not have", "DELETE",
                        existing + "/certificates/" + fingerprint(OTHER_CERTIFICATE), ""),
                bad("removing a certificate by a malformed fingerprint", "DELETE", existing + "/certificates/not-hex", ""),
                bad("finding a token the fake did not issue", "POST", "/fake-ims/tokens/find", "{\"token\":\"eyJhbGciOi.x.y\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missing")
    void whatDoesNotExistIsA404AndChangesNothing(Bad bad) {
        State before = State.read();

        HttpResponse<String> response = bad.send(accessToken);

        String sample = describe(bad.method(), bad.path(), bad.body(), response);
        assertThat(response.statusCode()).as(sample).isEqualTo(404);
        assertAdminError(response, 404, "not_found");
        assertThat(State.read()).as(sample).isEqualTo(before);
    }

    /** A wrong method, and every method the route takes (which the {@code Allow} header must list). */
    record WrongMethod(String method, String path, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + path + " (takes " + allowed + ")";
        }
    }

    static List<WrongMethod> wrongMethods() {
        String existing = "/fake-ims/credentials/" + ID;
        return List.of(
                new WrongMethod("PATCH", "/fake-ims/credentials", Set.of("GET", "POST")),
                new WrongMethod("DELETE", "/fake-ims/credentials", Set.of("GET", "POST")),
                new WrongMethod("PATCH", existing, Set.of("GET", "PUT", "DELETE")),
                new WrongMethod("POST", existing, Set.of("GET", "PUT", "DELETE")),
                new WrongMethod("GET", existing + "/certificates", Set.of("POST")),
                new WrongMethod("GET", existing + "/certificates/" + fingerprint(ONLY_CERTIFICATE), Set.of("DELETE")),
                new WrongMethod("GET", existing + "/convert-to-oauth", Set.of("POST")),
                new WrongMethod("PUT", "/fake-ims/journal", Set.of("GET", "DELETE")),
                new WrongMethod("POST", "/fake-ims/journal", Set.of("GET", "DELETE")),
                new WrongMethod("GET", "/fake-ims/journal/take", Set.of("POST")),
                new WrongMethod("POST", "/fake-ims/tokens", Set.of("GET")),
                new WrongMethod("GET", "/fake-ims/tokens/find", Set.of("POST")),
                new WrongMethod("PUT", "/fake-ims/faults", Set.of("GET", "POST", "DELETE")),
                new WrongMethod("POST", "/fake-ims/clock", Set.of("GET")),
                new WrongMethod("GET", "/fake-ims/clock/fix", Set.of("POST")),
                new WrongMethod("GET", "/fake-ims/clock/advance", Set.of("POST")),
                new WrongMethod("GET", "/fake-ims/clock/reset", Set.of("POST")),
                new WrongMethod("GET", "/fake-ims/verify-jwt", Set.of("POST")),
                new WrongMethod("GET", "/fake-ims/reset", Set.of("POST")),
                new WrongMethod("DELETE", "/fake-ims/reset", Set.of("POST")),
                new WrongMethod("POST", "/fake-ims/health", Set.of("GET")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongMethods")
    void aWrongMethodIsA405ListingTheRoutesMethodsAndChangesNothing(WrongMethod wrong) {
        State before = State.read();

        HttpResponse<String> response = AdminWire.send(ims.baseUrl(), wrong.method(), wrong.path(), "");

        String sample = describe(wrong.method(), wrong.path(), "", response) + "\n  Allow: " + response.headers().allValues("Allow");
        assertThat(response.statusCode()).as(sample).isEqualTo(405);
        assertAdminError(response, 405, "method_not_allowed");
        assertThat(AdminWire.allowed(response)).as(sample).isEqualTo(wrong.allowed());
        assertThat(State.read()).as(sample).isEqualTo(before);
    }

    @Test
    void aBodyOverOneMebibyteIsA413AndChangesNothing() {
        State before = State.read();
        String huge = "{\"instant\":\"" + "9".repeat((1 << 20) + 10) + "\"}";

        HttpResponse<String> response = AdminWire.send(ims.baseUrl(), "POST", "/fake-ims/clock/fix", huge);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(State.read()).isEqualTo(before);
    }

    @Test
    void aValidRequestAfterAllThatStillWorks() {
        HttpResponse<String> advance = AdminWire.send(ims.baseUrl(), "POST", "/fake-ims/clock/advance", "{\"seconds\":60}");

        assertThat(advance.statusCode()).as(advance.body()).isEqualTo(200);
        assertThat(AdminWire.object(advance)).containsEntry("now", NOW.plusSeconds(60).toString());
        URI base = ims.baseUrl();
        assertThat(AdminWire.array(AdminWire.send(base, "GET", "/fake-ims/credentials", ""))).hasSize(1);
    }
}

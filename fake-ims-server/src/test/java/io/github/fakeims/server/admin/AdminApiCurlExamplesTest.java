package io.github.fakeims.server.admin;

import static io.github.fakeims.server.admin.AdminWire.pem;
import static io.github.fakeims.server.admin.AdminWire.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.TestKeys;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API as a shell script uses it: {@code curl} with JSON text, no Java client. Documents the
 * wire format, so the JSON field names are asserted exactly. Each step names the curl command it stands for.
 */
class AdminApiCurlExamplesTest {

    private static final X509Certificate CERTIFICATE = TestKeys.certificate(TestKeys.KEYS);
    private static final String CREDENTIAL_JSON = """
            {
              "clientId": "curl-client",
              "clientSecret": "p8e-curl-secret",
              "orgId": "C0FFEE0123456789@AdobeOrg",
              "technicalAccountId": "DECAF0123456789@techacct.adobe.com",
              "metascopes": ["ent_analytics_bulk_ingest_sdk"],
              "scopes": ["openid", "AdobeID"],
              "certificates": [%s],
              "grants": ["jwt_exchange", "client_credentials"]
            }""".formatted(quoted(pem(CERTIFICATE)));
    private static final Map<String, String> TOKEN_FORM = Map.of("grant_type", "client_credentials", "client_id", "curl-client",
            "client_secret", "p8e-curl-secret", "scope", "openid,AdobeID");

    @AutoClose
    private static FakeImsServer ims;
    private static URI base;

    @BeforeAll
    static void start() {
        ims = FakeImsServer.start();
        base = ims.baseUrl();
    }

    @BeforeEach
    void reset() {
        ims.reset();
    }

    private static HttpResponse<String> curl(String method, String pathAndQuery, String body) {
        HttpResponse<String> response = AdminWire.send(base, method, pathAndQuery, body);
        assertThat(response.headers().firstValue("x-debug-id")).as("x-debug-id of %s %s", method, pathAndQuery).isPresent();
        return response;
    }

    private static HttpResponse<String> token() {
        return ImsHttp.postForm(base.resolve("/ims/token/v3"), TOKEN_FORM);
    }

    @Test
    void registerScriptAFaultCallIntoItMoveTheClockReadTheJournalAndTokensAndReset() {
        // curl -X POST $IMS/fake-ims/credentials -H 'Content-Type: application/json' -d @credential.json
        HttpResponse<String> registered = curl("POST", "/fake-ims/credentials", CREDENTIAL_JSON);

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(registered.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        Map<String, Object> credential = AdminWire.object(registered);
        assertThat(credential.keySet()).containsExactlyInAnyOrder("clientId", "clientSecret", "orgId", "technicalAccountId",
                "metascopes", "scopes", "grants", "jtiRequired", "certificates");
        assertThat(credential).containsEntry("clientId", "curl-client")
                .containsEntry("clientSecret", "p8e-curl-secret")
                .containsEntry("orgId", "C0FFEE0123456789@AdobeOrg")
                .containsEntry("technicalAccountId", "DECAF0123456789@techacct.adobe.com")
                .containsEntry("metascopes", List.of("ent_analytics_bulk_ingest_sdk"))
                .containsEntry("scopes", List.of("openid", "AdobeID"))
                .containsEntry("grants", List.of("jwt_exchange", "client_credentials"))
                .containsEntry("jtiRequired", false)
                .containsEntry("certificates", List.of(pem(CERTIFICATE)));
        // curl $IMS/fake-ims/credentials/curl-client
        assertThat(AdminWire.object(curl("GET", "/fake-ims/credentials/curl-client", ""))).isEqualTo(credential);

        // curl -X POST $IMS/fake-ims/faults -H 'Content-Type: application/json' -d '{"status":429,"retryAfterSeconds":3,"endpoint":"TOKEN","times":2}'
        HttpResponse<String> scripted = curl("POST", "/fake-ims/faults",
                "{\"status\":429,\"retryAfterSeconds\":3,\"endpoint\":\"TOKEN\",\"times\":2}");

        assertThat(scripted.statusCode()).as(scripted.body()).isEqualTo(201);
        Map<String, Object> pendingFault = Map.of("type", "status", "status", 429L, "retryAfterSeconds", 3L, "endpoint", "TOKEN",
                "times", 2L);
        assertThat(AdminWire.array(scripted)).containsExactly(pendingFault);
        // curl $IMS/fake-ims/faults
        assertThat(AdminWire.array(curl("GET", "/fake-ims/faults", ""))).containsExactly(pendingFault);

        // curl -X POST $IMS/ims/token/v3 -d grant_type=client_credentials -d client_id=… (three times)
        HttpResponse<String> first = token();
        HttpResponse<String> second = token();
        HttpResponse<String> third = token();

        for (HttpResponse<String> throttled : List.of(first, second)) {
            assertThat(throttled.statusCode()).as(throttled.body()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).contains("3");
            assertThat(ImsHttp.json(throttled)).containsEntry("error", "too_many_requests").containsKey("error_description");
        }
        assertThat(third.statusCode()).as(third.body()).isEqualTo(200);
        Map<String, Object> issued = ImsHttp.json(third);
        assertThat(issued).containsEntry("token_type", "bearer").hasEntrySatisfying("expires_in", io.github.fakeims.server.ExpiresIn::assertRemainingSeconds).containsKey("access_token");
        String accessToken = (String) issued.get("access_token");
        assertThat(AdminWire.array(curl("GET", "/fake-ims/faults", ""))).as("the fault is used up").isEmpty();

        // curl -X POST $IMS/fake-ims/clock/advance -H 'Content-Type: application/json' -d '{"seconds":3600}'
        Instant beforeAdvance = Instant.now();
        HttpResponse<String> advanced = curl("POST", "/fake-ims/clock/advance", "{\"seconds\":3600}");

        assertThat(advanced.statusCode()).as(advanced.body()).isEqualTo(200);
        Map<String, Object> clock = AdminWire.object(advanced);
        assertThat(clock.keySet()).containsExactlyInAnyOrder("now", "fixed", "offsetFromSystemClock");
        assertThat(clock).containsEntry("fixed", false).containsEntry("offsetFromSystemClock", "PT1H");
        assertThat(Instant.parse((String) clock.get("now"))).isAfterOrEqualTo(beforeAdvance.plus(Duration.ofHours(1)));

        // curl "$IMS/fake-ims/journal?endpoint=TOKEN&outcome=failed"
        HttpResponse<String> failed = curl("GET", "/fake-ims/journal?endpoint=TOKEN&outcome=failed", "");

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(200);
        Map<String, Object> journal = AdminWire.object(failed);
        assertThat(journal.keySet()).containsExactlyInAnyOrder("entries", "droppedCount");
        assertThat(journal).containsEntry("droppedCount", 0L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) journal.get("entries");
        assertThat(entries).hasSize(2);
        List<HttpResponse<String>> throttled = List.of(first, second);
        for (int i = 0; i < 2; i++) {
            Map<String, Object> entry = entries.get(i);
            assertThat(entry.keySet()).as("entry %d", i).containsExactlyInAnyOrder("sequence", "time", "method", "path", "endpoint",
                    "clientId", "parameters", "status", "error", "errorDescription", "reason", "fault", "debugId");
            assertThat(entry).containsEntry("method", "POST")
                    .containsEntry("path", "/ims/token/v3")
                    .containsEntry("endpoint", "TOKEN")
                    .containsEntry("clientId", "curl-client")
                    .containsEntry("status", 429L)
                    .containsEntry("error", "too_many_requests")
                    .containsEntry("debugId", throttled.get(i).headers().firstValue("x-debug-id").orElseThrow());
            assertThat((String) entry.get("fault")).contains("429 Retry-After: 3").contains("TOKEN");
            assertThat((String) entry.get("reason")).contains("scripted fault");
            assertThat(Instant.parse((String) entry.get("time"))).isBefore(beforeAdvance.plus(Duration.ofMinutes(30)));
            @SuppressWarnings("unchecked")
            Map<String, Object> parameters = (Map<String, Object>) entry.get("parameters");
            assertThat(parameters).containsEntry("grant_type", "client_credentials").containsEntry("client_id", "curl-client")
                    .containsEntry("scope", "openid,AdobeID").containsKey("client_secret");
            assertThat((String) parameters.get("client_secret")).as("the secret is masked").doesNotContain("curl-secret");
        }
        assertThat((Long) entries.get(1).get("sequence")).isGreaterThan((Long) entries.get(0).get("sequence"));

        // curl "$IMS/fake-ims/journal?endpoint=TOKEN&outcome=succeeded"
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> succeeded = (List<Map<String, Object>>) AdminWire.object(
                curl("GET", "/fake-ims/journal?endpoint=TOKEN&outcome=succeeded", "")).get("entries");
        assertThat(succeeded).hasSize(1);
        assertThat(succeeded.get(0)).containsEntry("status", 200L).containsKey("tokenId").doesNotContainKeys("error", "fault");

        // curl $IMS/fake-ims/tokens
        HttpResponse<String> tokens = curl("GET", "/fake-ims/tokens", "");

        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        List<Object> list = AdminWire.array(tokens);
        assertThat(list).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> token = (Map<String, Object>) list.get(0);
        assertThat(token.keySet()).containsExactlyInAnyOrder("value", "id", "clientId", "claims", "createdAt", "expiresAt", "state",
                "metascopes");
        assertThat(token).containsEntry("value", accessToken).containsEntry("clientId", "curl-client").containsEntry("state", "VALID")
                .containsEntry("id", succeeded.get(0).get("tokenId"));
        assertThat(Duration.between(Instant.parse((String) token.get("createdAt")), Instant.parse((String) token.get("expiresAt"))))
                .isEqualTo(Duration.ofHours(24));
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = (Map<String, Object>) token.get("claims");
        assertThat(claims).containsEntry("client_id", "curl-client");
        // curl -X POST $IMS/fake-ims/tokens/find -H 'Content-Type: application/json' -d '{"token":"<access token>"}'
        Map<String, Object> found = AdminWire.object(curl("POST", "/fake-ims/tokens/find", "{\"token\":" + quoted(accessToken) + "}"));
        assertThat(found).usingRecursiveComparison().ignoringFields("createdAt", "expiresAt").isEqualTo(token);

        // curl -X POST $IMS/fake-ims/reset -H 'Content-Type: application/json'
        HttpResponse<String> reset = curl("POST", "/fake-ims/reset", "");

        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(reset.body()).isEmpty();
        assertThat(AdminWire.array(curl("GET", "/fake-ims/credentials", ""))).isEmpty();
        assertThat(AdminWire.array(curl("GET", "/fake-ims/faults", ""))).isEmpty();
        assertThat(AdminWire.array(curl("GET", "/fake-ims/tokens", ""))).isEmpty();
        assertThat(AdminWire.object(curl("GET", "/fake-ims/journal", ""))).isEqualTo(Map.of("entries", List.of(), "droppedCount", 0L));
        Map<String, Object> clockAfterReset = AdminWire.object(curl("GET", "/fake-ims/clock", ""));
        assertThat(clockAfterReset).containsEntry("fixed", false);
        assertThat(Instant.parse((String) clockAfterReset.get("now"))).isBefore(Instant.parse((String) clock.get("now")));
        assertThat(curl("POST", "/fake-ims/tokens/find", "{\"token\":" + quoted(accessToken) + "}").statusCode())
                .as("a token issued before the reset is not the fake's any more").isEqualTo(404);
    }

    @Test
    void tokensListAndTokensFindShowTheSameTimesAsTheTokensOwnClaims() {
        curl("POST", "/fake-ims/credentials", CREDENTIAL_JSON);
        String accessToken = (String) ImsHttp.json(token()).get("access_token");

        // curl $IMS/fake-ims/tokens ; curl -X POST $IMS/fake-ims/tokens/find -d '{"token":"<access token>"}'
        @SuppressWarnings("unchecked")
        Map<String, Object> listed = (Map<String, Object>) AdminWire.array(curl("GET", "/fake-ims/tokens", "")).get(0);
        Map<String, Object> found = AdminWire.object(curl("POST", "/fake-ims/tokens/find", "{\"token\":" + quoted(accessToken) + "}"));

        @SuppressWarnings("unchecked")
        Map<String, Object> claims = (Map<String, Object>) found.get("claims");
        Instant claimedCreation = Instant.ofEpochMilli(Long.parseLong((String) claims.get("created_at")));
        Instant claimedExpiry = claimedCreation.plusMillis(Long.parseLong((String) claims.get("expires_in")));
        assertThat(found).containsEntry("createdAt", claimedCreation.toString()).containsEntry("expiresAt", claimedExpiry.toString());
        assertThat(listed).as("GET /fake-ims/tokens and POST /fake-ims/tokens/find for one token").isEqualTo(found);
    }

    @Test
    void fixTheClockReadItAndResetIt() {
        // curl -X POST $IMS/fake-ims/clock/fix -H 'Content-Type: application/json' -d '{"instant":"2030-01-01T00:00:00Z"}'
        HttpResponse<String> fixed = curl("POST", "/fake-ims/clock/fix", "{\"instant\":\"2030-01-01T00:00:00Z\"}");
        // curl -X POST $IMS/fake-ims/clock/advance -H 'Content-Type: application/json' -d '{"duration":"PT1H30M"}', then '{"millis":250}'
        HttpResponse<String> byDuration = curl("POST", "/fake-ims/clock/advance", "{\"duration\":\"PT1H30M\"}");
        HttpResponse<String> byMillis = curl("POST", "/fake-ims/clock/advance", "{\"millis\":250}");
        // curl $IMS/fake-ims/clock
        HttpResponse<String> read = curl("GET", "/fake-ims/clock", "");
        // curl -X POST $IMS/fake-ims/clock/reset -H 'Content-Type: application/json'
        HttpResponse<String> reset = curl("POST", "/fake-ims/clock/reset", "");

        assertThat(AdminWire.object(fixed)).isEqualTo(Map.of("now", "2030-01-01T00:00:00Z", "fixed", true));
        assertThat(AdminWire.object(byDuration)).isEqualTo(Map.of("now", "2030-01-01T01:30:00Z", "fixed", true));
        assertThat(AdminWire.object(byMillis)).isEqualTo(Map.of("now", "2030-01-01T01:30:00.250Z", "fixed", true));
        assertThat(AdminWire.object(read)).isEqualTo(Map.of("now", "2030-01-01T01:30:00.250Z", "fixed", true));
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(AdminWire.object(reset)).containsEntry("fixed", false);
    }

    @Test
    void verifyAJwtAndTakeJournalEntriesOneByOne() {
        curl("POST", "/fake-ims/credentials", CREDENTIAL_JSON);

        // curl -X POST $IMS/fake-ims/verify-jwt -H 'Content-Type: application/json' -d '{"clientId":"curl-client","jwt":"not.a.jwt"}'
        HttpResponse<String> verified = curl("POST", "/fake-ims/verify-jwt", "{\"clientId\":\"curl-client\",\"jwt\":\"not.a.jwt\"}");

        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        Map<String, Object> verification = AdminWire.object(verified);
        assertThat(verification.keySet()).containsExactlyInAnyOrder("accepted", "status", "error", "errorDescription", "reason");
        assertThat(verification).containsEntry("accepted", false).containsEntry("status", 400L).containsEntry("error", "invalid_token");
        assertThat(AdminWire.object(curl("GET", "/fake-ims/journal", "")).get("entries")).as("a dry run is not journaled")
                .isEqualTo(List.of());

        // curl -X POST "$IMS/fake-ims/journal/take?endpoint=TOKEN&timeoutMillis=0"
        HttpResponse<String> nothingYet = curl("POST", "/fake-ims/journal/take?endpoint=TOKEN&timeoutMillis=0", "");
        HttpResponse<String> tokenCall = token();
        HttpResponse<String> taken = curl("POST", "/fake-ims/journal/take?endpoint=TOKEN&timeoutMillis=0", "");
        HttpResponse<String> takenAgain = curl("POST", "/fake-ims/journal/take?endpoint=TOKEN&timeoutMillis=0", "");

        assertThat(nothingYet.statusCode()).isEqualTo(204);
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
        assertThat(AdminWire.object(taken)).containsEntry("endpoint", "TOKEN").containsEntry("status", 200L)
                .containsEntry("debugId", tokenCall.headers().firstValue("x-debug-id").orElseThrow());
        assertThat(takenAgain.statusCode()).as("each entry is taken once").isEqualTo(204);
    }
}

package io.github.fakeims.server.attack;

import static io.github.fakeims.server.attack.AttackKit.describe;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.internal.config.ConfigJson;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a web page in the developer's browser can send to a fake with the default configuration (no
 * admin token): simple cross-site requests (an HTML form, {@code fetch} without preflight) and, after DNS
 * rebinding, same-origin requests under a foreign {@code Host}. None may change or read anything.
 */
class DriveByAdminAndDnsRebindingAreRefusedTest {

    private static FakeImsServer ims;
    private static final Credential CREDENTIAL = TestCredentials.credential();

    @BeforeAll
    static void start() {
        ims = FakeImsServer.start(FakeImsConfig.builder().clock(AttackKit.CLOCK)
                .publicBaseUrl(URI.create("http://ims.test.example:4444")).build());
    }

    @AfterAll
    static void stop() {
        ims.close();
    }

    @BeforeEach
    void reset() {
        ims.reset();
    }

    private static String credentialJson() {
        return JSONObjectUtils.toJSONString(ConfigJson.toJson(CREDENTIAL));
    }

    private static HttpResponse<String> admin(String method, String path, Map<String, String> headers, String body) {
        return AttackKit.http(method, URI.create(ims.baseUrl() + path), headers, body.getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(5));
    }

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /** The content types an HTML form or a preflight-free fetch can send. */
    @ParameterizedTest(name = "Content-Type {0}")
    @ValueSource(strings = {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "none"})
    void adminWritesWithoutAJsonContentTypeAreRefused(String contentType) {
        Map<String, String> headers = contentType.equals("none") ? Map.of() : headers("Content-Type", contentType);

        List<HttpResponse<String>> responses = List.of(
                admin("POST", "/fake-ims/credentials", headers, credentialJson()),
                admin("POST", "/fake-ims/faults", headers, "{\"status\":503,\"times\":1000}"),
                admin("POST", "/fake-ims/clock/fix", headers, "{\"instant\":\"2031-01-01T00:00:00Z\"}"),
                admin("POST", "/fake-ims/reset", headers, ""));

        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(describe(response)).isEqualTo(415);
            assertAdminJsonError(response);
        }
        assertThat(ims.credentials()).isEmpty();
        assertThat(ims.faults().pending()).isEmpty();
        assertThat(ims.clock().isFixed()).isFalse();
    }

    @Test
    void aJsonAdminWriteFromTheFakesOwnOriginOrWithoutOriginIsServed() {
        HttpResponse<String> plain = admin("POST", "/fake-ims/credentials", headers("Content-Type", "application/json"),
                credentialJson());
        HttpResponse<String> sameOrigin = admin("POST", "/fake-ims/faults", headers("Content-Type", "application/json",
                "Origin", "http://" + ims.baseUrl().getAuthority(), "Sec-Fetch-Site", "same-origin"), "{\"status\":503,\"times\":1}");

        assertThat(plain.statusCode()).as(describe(plain)).isEqualTo(201);
        assertThat(sameOrigin.statusCode()).as(describe(sameOrigin)).isEqualTo(201);
        assertThat(ims.credentials()).containsExactly(CREDENTIAL);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Origin: http://evil.example", "Origin: null", "Origin: http://localhost:1",
            "Sec-Fetch-Site: cross-site", "Sec-Fetch-Site: same-site"})
    void crossSiteAdminRequestsAreRefusedEvenWithJson(String header) {
        String[] nameAndValue = header.split(": ", 2);
        Map<String, String> headers = headers("Content-Type", "application/json", nameAndValue[0], nameAndValue[1]);

        HttpResponse<String> write = admin("POST", "/fake-ims/credentials", headers, credentialJson());
        HttpResponse<String> read = admin("GET", "/fake-ims/credentials", headers, "");

        for (HttpResponse<String> response : List.of(write, read)) {
            assertThat(response.statusCode()).as(describe(response)).isEqualTo(403);
            assertAdminJsonError(response);
        }
        assertThat(ims.credentials()).isEmpty();
    }

    @Test
    void noAdminRouteEverSendsCorsHeaders() {
        Map<String, String> preflight = headers("Origin", "http://evil.example", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type");
        for (HttpResponse<String> response : List.of(admin("OPTIONS", "/fake-ims/credentials", preflight, ""),
                admin("GET", "/fake-ims/credentials", Map.of(), ""), admin("GET", "/fake-ims/health", Map.of(), ""),
                admin("GET", "/fake-ims/health", headers("Origin", "http://evil.example"), ""))) {
            assertThat(response.headers().map().keySet()).as(describe(response))
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        }
    }

    /** After DNS rebinding a page's requests come with its own host name in {@code Host}. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/fake-ims/credentials", "/fake-ims/journal", "/fake-ims/health", "/fake-ims/console/",
            "/ims/.well-known/openid-configuration", "/ims/token/v3"})
    void aForeignHostIsRefusedOnEveryRoute(String path) {
        ims.register(CREDENTIAL);

        HttpResponse<String> response = admin("GET", path, headers("Host", "rebound.evil.example:" + ims.port()), "");

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(421);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("misdirected_request").doesNotContain(CREDENTIAL.clientSecret());
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST", "[::1]", "ims.test.example"})
    void loopbackNamesTheBindHostAndPublicBaseUrlHostsAreServed(String host) {
        HttpResponse<String> response = admin("GET", "/fake-ims/credentials", headers("Host", host + ":" + ims.port()), "");

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    }

    private static void assertAdminJsonError(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\"").contains("\"reason\"");
    }
}

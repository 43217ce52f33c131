package io.github.fakeims.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bind address decides whether Host names are checked: a fake on all interfaces (the image) serves any. */
class RequestGateTest {

    private static Map<String, List<String>> host(String value) {
        return Map.of("Host", List.of(value));
    }

    @Test
    void aFakeBoundToAllInterfacesServesAnyWellFormedHost() {
        RequestGate gate = new RequestGate("0.0.0.0", List.of());

        assertThat(gate.check("GET", "/fake-ims/credentials", host("fake-ims:8080"))).isEmpty();
        assertThat(gate.check("GET", "/ims/keys", host("rebound.evil.example"))).isEmpty();
        assertThat(gate.check("GET", "/ims/keys", host("a\"b"))).hasValueSatisfying(error -> assertThat(error.status()).isEqualTo(400));
    }

    @Test
    void aFakeBoundToLoopbackServesLoopbackNamesAndPublicBaseUrlHostsOnly() {
        RequestGate gate = new RequestGate("127.0.0.1", List.of(URI.create("https://ims.example.test")));

        for (String name : List.of("localhost:1", "127.0.0.1", "127.0.0.2:80", "[::1]:8080", "ims.example.test")) {
            assertThat(gate.check("GET", "/ims/keys", host(name))).as(name).isEmpty();
        }
        assertThat(gate.check("GET", "/ims/keys", host("evil.example:80"))).hasValueSatisfying(error -> assertThat(error.status()).isEqualTo(421));
        assertThat(gate.check("GET", "/ims/keys", Map.of())).as("no Host at all (HTTP/1.0)").isEmpty();
    }

    @Test
    void aLinkFromAnotherSiteOpensTheConsolesPageButNothingElse() {
        RequestGate gate = new RequestGate("127.0.0.1", List.of());
        Map<String, List<String>> navigation = Map.of("Host", List.of("127.0.0.1:8080"), "Sec-Fetch-Site", List.of("cross-site"),
                "Sec-Fetch-Mode", List.of("navigate"));
        Map<String, List<String>> script = Map.of("Host", List.of("127.0.0.1:8080"), "Sec-Fetch-Site", List.of("cross-site"),
                "Sec-Fetch-Mode", List.of("cors"));

        assertThat(gate.check("GET", "/fake-ims/console/", navigation)).isEmpty();
        assertThat(gate.check("GET", "/fake-ims/console/", script)).hasValueSatisfying(error -> assertThat(error.status()).isEqualTo(403));
        assertThat(gate.check("GET", "/fake-ims/credentials", navigation)).hasValueSatisfying(error -> assertThat(error.status()).isEqualTo(403));
        assertThat(gate.check("POST", "/fake-ims/console/", navigation)).hasValueSatisfying(error -> assertThat(error.status()).isEqualTo(403));
        assertThat(gate.check("GET", "/fake-ims/console/", Map.of("Host", List.of("rebound.evil.example"), "Sec-Fetch-Mode", List.of("navigate"))))
                .as("a rebound name is still refused").hasValueSatisfying(error -> assertThat(error.status()).isEqualTo(421));
    }
}

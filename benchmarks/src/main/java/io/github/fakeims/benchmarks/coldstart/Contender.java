package io.github.fakeims.benchmarks.coldstart;

import java.nio.file.Path;
import java.util.List;

/** A server raced from a fresh JVM to its first token, with the child main that does it. */
enum Contender {
    FAKE_IMS("fake_ims", "our fake (in-process)", FakeImsFirstToken.class),
    MOCK_OAUTH2_SERVER("mock_oauth2_server", "mock-oauth2-server 2.1.10", MockOAuth2ServerFirstToken.class),
    WIREMOCK("wiremock", "WireMock 3.13.2 stub", WireMockFirstToken.class);

    final String id;
    final String label;
    final Class<?> main;

    Contender(String id, String label, Class<?> main) {
        this.id = id;
        this.label = label;
        this.main = main;
    }

    /** The child's arguments: the certificate and JWT files it needs, if any. */
    List<String> args(Path certificatePem, Path jwt) {
        return switch (this) {
            case FAKE_IMS -> List.of(certificatePem.toString(), jwt.toString());
            case MOCK_OAUTH2_SERVER -> List.of();
            case WIREMOCK -> List.of(jwt.toString());
        };
    }
}

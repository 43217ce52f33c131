package io.github.fakeims.server.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.GeneratedCredential;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.internal.FakeImsEngine;
import io.github.fakeims.server.internal.control.EngineControl;
import java.net.URI;
import java.security.PrivateKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeMadeKeysTest {

    private static final PrivateKey KEY = TestKeys.KEYS.getPrivate();
    private static final PrivateKey OTHER = TestKeys.OTHER_KEYS.getPrivate();

    @Test
    void isBoundedForgettingTheOldestMadeAtRunTimeButNeverAConfiguredOne() {
        FakeMadeKeys keys = new FakeMadeKeys(Map.of("configured", KEY));

        for (int i = 0; i < FakeMadeKeys.MAX_KEYS + 10; i++) {
            keys.remember("made-" + i, OTHER);
        }

        assertThat(keys.size()).isEqualTo(FakeMadeKeys.MAX_KEYS + 1);
        assertThat(keys.find("configured")).containsSame(KEY);
        assertThat(keys.find("made-0")).isEmpty();
        assertThat(keys.find("made-" + (FakeMadeKeys.MAX_KEYS + 9))).containsSame(OTHER);
    }

    @Test
    void forgetsARemovedCredentialsKeyAndResetsToTheConfiguredOnes() {
        FakeMadeKeys keys = new FakeMadeKeys(Map.of("configured", KEY));
        keys.remember("made", OTHER);
        keys.forget("configured");

        assertThat(keys.find("configured")).isEmpty();
        keys.reset();
        assertThat(keys.find("configured")).containsSame(KEY);
        assertThat(keys.find("made")).isEmpty();
    }

    @Test
    void theControlPlaneForgetsAGeneratedKeyWithItsCredentialAndOnReset() {
        Credential configured = TestCredentials.credential();
        EngineControl control = new FakeImsEngine(FakeImsConfig.builder().credential(configured).build(), 8080,
                URI.create("http://127.0.0.1:8080")).control();

        GeneratedCredential removed = control.generateCredential(TestCredentials.METASCOPE);
        assertThat(control.keys().find(removed.credential().clientId())).contains(removed.privateKey());
        assertThat(control.removeCredential(removed.credential().clientId())).isTrue();
        assertThat(control.keys().find(removed.credential().clientId())).isEmpty();

        GeneratedCredential reset = control.generateCredentialFromJson("{\"clientId\": \"generated-then-reset\"}");
        assertThat(control.keys().find("generated-then-reset")).contains(reset.privateKey());
        control.reset();
        assertThat(control.keys().find("generated-then-reset")).isEmpty();
        assertThat(control.credentials()).containsExactly(configured);
    }
}

package io.github.fakeims.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.GeneratedCredential;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The private keys of generated credentials: answered while their credential holds the certificate, bounded, forgettable. */
class GeneratedKeysTest {

    private final CredentialStore credentials = new CredentialStore(List.of());
    private final GeneratedKeys keys = new GeneratedKeys(credentials);

    @Test
    void aKeyIsAnsweredWhileItsCredentialHasItsCertificate() {
        Credential credential = TestCredentials.credential();
        credentials.put(credential);
        keys.remember(credential.clientId(), new KeytoolKeyPairs.KeyPair(TestKeys.KEYS.getPrivate(), credential.certificates().get(0)));

        assertThat(keys.privateKey(credential.clientId())).contains(TestKeys.KEYS.getPrivate());

        credentials.put(credential.toBuilder().certificates(List.of(TestKeys.certificate(TestKeys.OTHER_KEYS))).build());
        assertThat(keys.privateKey(credential.clientId())).as("after its certificate was replaced").isEmpty();
        credentials.remove(credential.clientId());
        assertThat(keys.privateKey(credential.clientId())).as("after its credential was removed").isEmpty();
        assertThat(keys.privateKey("never-generated")).isEmpty();
    }

    @Test
    void forgetAndRetainOnlyDropKeys() {
        keys.remember("a", new KeytoolKeyPairs.KeyPair(TestKeys.KEYS.getPrivate(), TestKeys.certificate(TestKeys.KEYS)));
        keys.remember("b", new KeytoolKeyPairs.KeyPair(TestKeys.KEYS.getPrivate(), TestKeys.certificate(TestKeys.KEYS)));
        keys.remember("c", new KeytoolKeyPairs.KeyPair(TestKeys.KEYS.getPrivate(), TestKeys.certificate(TestKeys.KEYS)));

        keys.forget("a");
        assertThat(keys.size()).isEqualTo(2);
        keys.retainOnly(List.of("c"));
        assertThat(keys.size()).isEqualTo(1);
    }

    @Test
    void pastTheBoundTheOldestKeyIsForgotten() {
        Credential first = TestCredentials.credential();
        credentials.put(first);
        KeytoolKeyPairs.KeyPair pair = new KeytoolKeyPairs.KeyPair(TestKeys.KEYS.getPrivate(), first.certificates().get(0));
        keys.remember(first.clientId(), pair);
        for (int i = 0; i < GeneratedKeys.MAX_KEYS; i++) {
            keys.remember("client-" + i, pair);
        }

        assertThat(keys.size()).isEqualTo(GeneratedKeys.MAX_KEYS);
        assertThat(keys.privateKey(first.clientId())).isEmpty();
    }

    @Test
    void theControlPlaneForgetsAGeneratedKeyWithItsCredentialAndOnReset() {
        Credential configured = TestCredentials.credential();
        EngineControl control = new FakeImsEngine(FakeImsConfig.builder().credential(configured).build(), 8080,
                URI.create("http://127.0.0.1:8080")).control();

        GeneratedCredential removed = control.generateCredential(TestCredentials.METASCOPE);
        assertThat(control.generatedKeys().privateKey(removed.credential().clientId())).contains(removed.privateKey());
        assertThat(control.removeCredential(removed.credential().clientId())).isTrue();
        assertThat(control.generatedKeys().size()).isZero();

        GeneratedCredential reset = control.generateCredentialFromJson("{\"clientId\": \"generated-then-reset\"}");
        assertThat(control.generatedKeys().privateKey("generated-then-reset")).contains(reset.privateKey());
        control.reset();
        assertThat(control.generatedKeys().size()).isZero();
        assertThat(control.credentials()).containsExactly(configured);
    }
}

package io.github.fakeims.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.internal.config.ConfigJson;
import org.junit.jupiter.api.Test;

/**
 * One meaning for a credential option everywhere: a plural setter (metascopes, scopes, grants, certificates,
 * client secrets) replaces what was set before, as a config file's or the admin API's field does; only
 * {@code certificate}, {@code certificatePem} and {@code addClientSecret} add one.
 */
class CredentialOptionsTest {

    @Test
    void pluralSettersReplaceWhatWasSetBefore() {
        Credential credential = TestCredentials.credential(TestKeys.KEYS)
                .metascopes("ent_user_sdk").metascopes("/s/ent_dataservices_sdk")
                .scopes("openid").scopes("AdobeID", "read_organizations")
                .grants(Grant.JWT_EXCHANGE).grants(Grant.CLIENT_CREDENTIALS)
                .build();

        assertThat(credential.metascopes()).containsExactly("ent_dataservices_sdk");
        assertThat(credential.scopes()).containsExactly("AdobeID", "read_organizations");
        assertThat(credential.grants()).containsExactly(Grant.CLIENT_CREDENTIALS);
    }

    @Test
    void aCopyGivenNewMetascopesHasExactlyThose() {
        Credential original = TestCredentials.credential();

        Credential changed = original.toBuilder().metascopes("ent_user_sdk").scopes("openid").build();

        assertThat(original.metascopes()).hasSizeGreaterThan(1);
        assertThat(changed.metascopes()).containsExactly("ent_user_sdk");
        assertThat(changed.scopes()).containsExactly("openid");
    }

    @Test
    void singularSettersAddOne() {
        Credential credential = TestCredentials.credential(TestKeys.KEYS)
                .certificate(TestKeys.certificate(TestKeys.OTHER_KEYS))
                .addClientSecret("p8e-second")
                .build();

        assertThat(credential.certificates()).hasSize(2);
        assertThat(credential.clientSecrets()).hasSize(2).contains("p8e-second");
    }

    @Test
    void theConfigFileReadsTheSameCredentialTheBuilderMakes() {
        Credential built = TestCredentials.credential();

        Credential read = FakeImsConfig.fromJson(ConfigJson.write(FakeImsConfig.builder().credential(built).build())).credentials().get(0);

        assertThat(read.metascopes()).isEqualTo(built.metascopes());
        assertThat(read.scopes()).containsExactlyElementsOf(built.scopes());
        assertThat(read.grants()).isEqualTo(built.grants());
        assertThat(read.certificates()).isEqualTo(built.certificates());
    }
}

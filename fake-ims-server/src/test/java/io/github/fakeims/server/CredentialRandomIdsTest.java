package io.github.fakeims.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialRandomIdsTest {

    @Test
    void randomIdsAreShapedLikeTheConsolesAndNeverRepeat() {
        Credential first = Credential.builder().randomIds().grants(Grant.CLIENT_CREDENTIALS).build();
        Credential second = Credential.builder().randomIds().grants(Grant.CLIENT_CREDENTIALS).build();

        assertThat(first.clientId()).matches("[0-9a-f]{32}");
        assertThat(first.clientSecret()).matches("p8e-[0-9a-f]{32}");
        assertThat(first.orgId()).matches("[0-9A-F]{24}@AdobeOrg");
        assertThat(first.technicalAccountId()).matches("[0-9A-F]{24}@techacct\\.adobe\\.com");
        assertThat(second.clientId()).isNotEqualTo(first.clientId());
        assertThat(second.orgId()).isNotEqualTo(first.orgId());
    }
}

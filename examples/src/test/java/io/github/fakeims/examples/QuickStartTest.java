package io.github.fakeims.examples;

// tag::quick-start[]
import static io.github.fakeims.junit.FakeImsAssertions.assertThatAccessToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.aio.ims.ImsService;
import io.github.fakeims.junit.AdobeImsExtension;
import io.github.fakeims.junit.DeveloperCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AdobeImsExtension.class)
class QuickStartTest {

    @Test
    void getsARealTokenFromTheFake(ImsService ims, DeveloperCredential credential) {
        String token = ims.getJwtExchangeAccessToken().getAccessToken();

        assertThat(ims.validateAccessToken(token)).isTrue();
        assertThatAccessToken(token).hasClientId(credential.clientId()).hasScope("openid", "AdobeID");
    }
}
// end::quick-start[]

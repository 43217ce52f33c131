package io.github.fakeims.examples;

// tag::quick-start[]
import static io.github.fakeims.junit.FakeImsAssertions.assertThatAccessToken;

import com.adobe.aio.ims.ImsService;
import io.github.fakeims.junit.AdobeImsExtension;
import io.github.fakeims.junit.DeveloperCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AdobeImsExtension.class)
class QuickStartTest {

    @Test
    void getsARealTokenFromTheFake(ImsService imsService, DeveloperCredential credential) {
        String token = imsService.getJwtExchangeAccessToken().getAccessToken();

        assertThatAccessToken(token).hasClientId(credential.clientId()).hasScope("openid", "AdobeID");
    }
}
// end::quick-start[]

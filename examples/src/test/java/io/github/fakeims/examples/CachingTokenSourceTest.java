package io.github.fakeims.examples;

import static io.github.fakeims.junit.FakeImsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakeims.junit.AdobeImsTest;
import io.github.fakeims.junit.AuthType;
import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

// tag::caching[]
@AdobeImsTest(auth = AuthType.OAUTH_SERVER_TO_SERVER)
class CachingTokenSourceTest {

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private CachingTokenSource source(FakeIms ims, DeveloperCredential credential) {
        // The code under test reads the fake's clock, so moving it moves both.
        return new CachingTokenSource(ims.baseUrl(), credential.clientId(), credential.clientSecret(), "openid",
                ims.clock().asClock(), sleeps::add);
    }

    @Test
    void cachesTheTokenUntilTenMinutesBeforeItExpires(FakeIms ims, DeveloperCredential credential) throws Exception {
        CachingTokenSource source = source(ims, credential);
        String first = source.accessToken();

        ims.clock().advance(Duration.ofHours(23).plusMinutes(49));
        assertThat(source.accessToken()).isEqualTo(first);
        ims.clock().advance(Duration.ofMinutes(2));
        assertThat(source.accessToken()).isNotEqualTo(first);

        assertThat(ims.journal()).tokenRequests().hasSize(2).allSucceeded();
    }

    @Test
    void waitsOutTwo429sAsRetryAfterSays(FakeIms ims, DeveloperCredential credential) throws Exception {
        ims.faults().add(Fault.tooManyRequests(Duration.ofSeconds(3)).on(ImsEndpoint.TOKEN).times(2));

        assertThat(source(ims, credential).accessToken()).isNotBlank();

        assertThat(sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(ims.journal()).tokenRequests().hasSize(3).last().succeeded().issuedToken();
    }
    // end::caching[]

    @Test
    void givesUpAfterThreeTries(FakeIms ims, DeveloperCredential credential) {
        ims.faults().add(Fault.tooManyRequests(Duration.ofSeconds(1)).on(ImsEndpoint.TOKEN).times(3));

        assertThatThrownBy(() -> source(ims, credential).accessToken())
                .isInstanceOf(IOException.class).hasMessageContaining("429 after 3 tries");
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void refusesAMalformedAnswerAndCachesNothing(FakeIms ims, DeveloperCredential credential) throws Exception {
        CachingTokenSource source = source(ims, credential);
        ims.faults().add(Fault.malformedBody(Fault.Malformation.EXPIRES_IN_AS_STRING).on(ImsEndpoint.TOKEN));

        assertThatThrownBy(source::accessToken).isInstanceOf(IOException.class).hasMessageContaining("numeric expires_in");
        assertThat(source.accessToken()).isNotBlank();
        assertThat(ims.journal()).tokenRequests().hasSize(2);
    }

    @Test
    void aServerErrorIsNotRetried(FakeIms ims, DeveloperCredential credential) {
        ims.faults().add(Fault.status(503).on(ImsEndpoint.TOKEN));

        assertThatThrownBy(() -> source(ims, credential).accessToken()).isInstanceOf(IOException.class).hasMessageContaining("503");
        assertThat(ims.journal()).tokenRequests().hasSize(1);
    }
}

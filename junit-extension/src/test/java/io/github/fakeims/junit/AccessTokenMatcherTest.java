package io.github.fakeims.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.aio.ims.ImsService;
import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import io.github.fakeims.server.FakeImsServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AdobeImsExtension.class)
class AccessTokenMatcherTest {

    private static Request withAuthorization(String value) {
        ImmutableRequest.Builder request = ImmutableRequest.create().withAbsoluteUrl("http://localhost/api").withMethod(RequestMethod.GET);
        return value == null ? request.build() : request.withHeader("Authorization", value).build();
    }

    @Test
    void matchesATokenTheFakeIssuedAndStillHoldsValid(FakeImsServer fake, ImsService ims, DeveloperCredential credential) {
        String token = ims.getJwtExchangeAccessToken().getAccessToken();

        assertThat(AccessTokenMatcher.issuedBy(fake.baseUrl()).match(withAuthorization("Bearer " + token)).isExactMatch()).isTrue();
        assertThat(AccessTokenMatcher.issuedBy(fake.baseUrl()).withMetascope("ent_analytics_bulk_ingest_sdk")
                .withScope("openid", "AdobeID").forClient(credential.clientId())
                .match(withAuthorization("Bearer " + token)).isExactMatch()).isTrue();
    }

    @Test
    void refusesAMissingScopeAnotherClientAMissingOrForeignHeaderAndGarbage(FakeImsServer fake, ImsService ims) {
        String token = ims.getJwtExchangeAccessToken().getAccessToken();
        AccessTokenMatcher matcher = AccessTokenMatcher.issuedBy(fake.baseUrl());

        assertThat(matcher.withMetascope("ent_campaign_sdk").match(withAuthorization("Bearer " + token)).isExactMatch()).isFalse();
        assertThat(matcher.withScope("ent_analytics_bulk_ingest_sdk").match(withAuthorization("Bearer " + token)).isExactMatch())
                .as("metascopes are not OAuth scopes").isFalse();
        assertThat(matcher.withScope("creative_sdk").match(withAuthorization("Bearer " + token)).isExactMatch()).isFalse();
        assertThat(matcher.forClient("someone-else").match(withAuthorization("Bearer " + token)).isExactMatch()).isFalse();
        assertThat(matcher.match(withAuthorization(null)).isExactMatch()).isFalse();
        assertThat(matcher.match(withAuthorization("Basic " + token)).isExactMatch()).isFalse();
        assertThat(matcher.match(withAuthorization("Bearer not-a-token")).isExactMatch()).isFalse();
        assertThat(matcher.match(withAuthorization("Bearer " + token + "x")).isExactMatch()).isFalse();
    }

    @Test
    void refusesATokenOnceTheClientInvalidatedIt(FakeImsServer fake, ImsService ims, DeveloperCredential credential) throws Exception {
        String token = ims.getJwtExchangeAccessToken().getAccessToken();
        String form = "token_type=access_token&client_id=" + credential.clientId() + "&client_secret=" + credential.clientSecret()
                + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/ims/invalidate_token/v2"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(AccessTokenMatcher.issuedBy(fake.baseUrl()).match(withAuthorization("Bearer " + token)).isExactMatch()).isFalse();
    }
}

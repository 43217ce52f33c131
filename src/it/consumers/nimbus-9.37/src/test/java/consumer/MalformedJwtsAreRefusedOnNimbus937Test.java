package consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import io.github.fakeims.junit.AdobeImsExtension;
import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.server.FakeIms;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With nimbus-jose-jwt 9.37 on the test class path, JWTs whose claims are not what IMS accepts are
 * still refused: the fake decides with the nimbus relocated inside its own jar, not with this one.
 */
@ExtendWith(AdobeImsExtension.class)
class MalformedJwtsAreRefusedOnNimbus937Test {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theClassPathReallyHoldsNimbus937() {
        String jar = JWSObject.class.getProtectionDomain().getCodeSource().getLocation().toString();

        assertThat(jar).contains("nimbus-jose-jwt-9.37");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"exp\":\"2099-01-01T00:00:00Z\"",            // a date string, not seconds
            "\"exp\":1.9E9",                              // not an integer
            "\"exp\":[%EXP%]",                            // an array
            "\"exp\":%EXP%,\"exp\":%EXP%",                // a duplicate key
            "\"exp\":%EXP%,\"nbf\":\"yesterday\"",        // nbf not a number
    })
    void aJwtWithMalformedTimeClaimsGetsNoToken(String timeClaims, FakeIms fake, DeveloperCredential credential)
            throws Exception {
        String exp = Long.toString(Instant.now().plusSeconds(3600).getEpochSecond());
        String audience = fake.baseUrl() + "/c/" + credential.clientId();
        String claims = "{\"iss\":\"" + credential.orgId() + "\",\"sub\":\"" + credential.technicalAccountId()
                + "\",\"aud\":\"" + audience + "\"," + timeClaims.replace("%EXP%", exp)
                + ",\"" + fake.baseUrl() + "/s/" + credential.metascopes().iterator().next() + "\":true}";

        HttpResponse<String> answer = exchange(fake, credential, signed(credential, claims));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("\"error\":\"invalid_token\"").doesNotContain("access_token");
    }

    @Test
    void theSameJwtWithWellFormedClaimsGetsOne(FakeIms fake, DeveloperCredential credential) throws Exception {
        HttpResponse<String> answer = exchange(fake, credential, credential.signJwt());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("access_token");
    }

    private static String signed(DeveloperCredential credential, String claimsJson) throws GeneralSecurityException {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = base64url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + base64url.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(credential.privateKey());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64url.encodeToString(rsa.sign());
    }

    private static HttpResponse<String> exchange(FakeIms fake, DeveloperCredential credential, String jwt) throws Exception {
        String form = "client_id=" + encode(credential.clientId()) + "&client_secret=" + encode(credential.clientSecret())
                + "&jwt_token=" + encode(jwt);
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/ims/exchange/jwt"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package io.github.fakeims.server.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.ServiceAccountJwt;
import io.github.fakeims.server.TestClock;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.internal.core.HandlerResult;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.Outcome;
import io.github.fakeims.server.internal.http.FormParams;
import io.github.fakeims.server.internal.http.ImsResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RequestJournal}: secrets masked, the JWT decoded, the outcome summed up. */
class RequestJournalTest {

    private static final List<String> SECRET_NAMES = List.of("client_secret", "jwt_token", "token", "access_token",
            "refresh_token", "code", "password", "assertion", "client_assertion");
    private static final URI IMS = URI.create("http://127.0.0.1:4567");

    private final TestClock clock = TestClock.at("2030-05-06T07:08:09.010Z");
    private final JournalStore store = new JournalStore(100);
    private final RequestJournal journal = new RequestJournal(store, clock);

    private JournalEntry record(Map<String, String> params) {
        return record(params, ImsResponse.json(200, Map.of("ok", true)), Optional.empty());
    }

    private JournalEntry record(Map<String, String> params, ImsResponse response, Optional<ImsError> error) {
        Outcome outcome = error.map(Outcome::rejected).orElse(Outcome.NONE);
        journal.record("POST", "/ims/token/v3", ImsEndpoint.TOKEN, FormParams.of(params), new HandlerResult(response, outcome),
                Optional.empty(), "debug-1");
        List<JournalEntry> entries = store.entries();
        return entries.get(entries.size() - 1);
    }

    private static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    /** The masked form shows at most the first 4 characters, then the length, and nothing else of the secret. */
    private static void assertMasked(String masked, String secret) {
        String suffix = "…(" + secret.length() + " chars)";
        assertThat(masked).as("masked %s", secret).endsWith(suffix);
        String shown = masked.substring(0, masked.length() - suffix.length());
        assertThat(shown.length()).as("characters shown of %s", secret).isLessThanOrEqualTo(4);
        assertThat(secret).as("what is shown is the secret's start").startsWith(shown);
        if (secret.length() >= 5) {
            assertThat(masked).doesNotContain(secret.substring(0, 5));
            assertThat(shown.length()).as("shows less than the whole secret").isLessThan(secret.length());
        }
    }

    static Stream<Arguments> secretsOfEveryKind() {
        List<String> values = List.of("", "a", "ab", "abc", "abcd", "abcde", "abcdefgh", "p8e-0123456789abcdef0123456789abcdef",
                "x".repeat(5_000), "säkret€€€€€€€€", "a b+c&d=e%f");
        return SECRET_NAMES.stream().flatMap(name -> values.stream().map(value -> Arguments.of(name, value)));
    }

    @ParameterizedTest
    @MethodSource("secretsOfEveryKind")
    void secretParametersAreMaskedToTheirStartAndLength(String name, String secret) {
        JournalEntry entry = record(form("client_id", "client-1", name, secret));

        assertMasked(entry.parameters().get(name), secret);
        assertThat(entry.parameters()).containsEntry("client_id", "client-1");
    }

    @Test
    void allSecretsOfOneRequestAreMaskedAndTheRestKept() {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : SECRET_NAMES) {
            params.put(name, "secret-value-of-" + name);
        }
        params.put("client_id", "client-1");
        params.put("grant_type", "client_credentials");
        params.put("scope", "openid,AdobeID");

        JournalEntry entry = record(params);

        for (String name : SECRET_NAMES) {
            assertMasked(entry.parameters().get(name), "secret-value-of-" + name);
            assertThat(entry.parameters().get(name)).doesNotContain("value-of");
        }
        assertThat(entry.parameters()).containsEntry("client_id", "client-1").containsEntry("grant_type", "client_credentials")
                .containsEntry("scope", "openid,AdobeID").hasSize(SECRET_NAMES.size() + 3);
        assertThat(entry.toString()).doesNotContain("value-of");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 7, 8, 15, 16, 17, 100})
    void maskNeverShowsMoreThanFourCharactersNorAQuarter(int length) {
        String secret = "0123456789".repeat(11).substring(0, length);

        String masked = RequestJournal.mask(secret);

        assertMasked(masked, secret);
        String shown = masked.substring(0, masked.indexOf('…'));
        assertThat(shown.length()).isLessThanOrEqualTo(Math.min(4, length / 4));
    }

    @Test
    void aServiceAccountJwtIsDecodedIntoHeaderAndClaims() {
        Credential credential = TestCredentials.credential();
        String jwt = ServiceAccountJwt.forCredential(credential, IMS).serialize();

        JournalEntry entry = record(form("client_id", credential.clientId(), "client_secret", credential.clientSecret(),
                "jwt_token", jwt));

        assertThat(entry.jwtHeader()).isPresent();
        assertThat(entry.jwtHeader().get()).containsEntry("alg", "RS256");
        assertThat(entry.jwtClaims()).isPresent();
        Map<String, Object> claims = entry.jwtClaims().get();
        assertThat(claims).containsEntry("iss", credential.orgId()).containsEntry("sub", credential.technicalAccountId())
                .containsEntry(IMS + "/s/" + TestCredentials.METASCOPE, true);
        assertThat(String.valueOf(claims.get("aud"))).contains(IMS + "/c/" + credential.clientId());
        assertThat(claims.get("exp")).isInstanceOf(Number.class);
        assertMasked(entry.parameters().get("jwt_token"), jwt);
        assertMasked(entry.parameters().get("client_secret"), credential.clientSecret());
    }

    @Test
    void aJwtWithSurroundingWhitespaceIsStillDecoded() {
        String jwt = ServiceAccountJwt.forCredential(TestCredentials.credential(), IMS).serialize();

        JournalEntry entry = record(form("jwt_token", "  " + jwt + "\n"));

        assertThat(entry.jwtClaims()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-jwt", "a.b.c", "eyJhbGciOiJSUzI1NiJ9", "...", "%%%.%%%.%%%",
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "e30.e30.c2ln", "W10.e30.c2ln"})
    void anUndecodableJwtTokenGivesNoHeaderNorClaimsButIsStillMaskedAndRecorded(String jwtToken) {
        JournalEntry entry = record(form("client_id", "client-1", "jwt_token", jwtToken));

        assertThat(entry.jwtHeader()).isEmpty();
        assertThat(entry.jwtClaims()).isEmpty();
        assertMasked(entry.parameters().get("jwt_token"), jwtToken);
        assertThat(entry.clientId()).contains("client-1");
    }

    @Test
    void aJwtWhosePayloadIsNotAJsonObjectGivesAHeaderButNoClaims() {
        String jwt = b64("{\"alg\":\"RS256\"}") + "." + b64("[1,2,3]") + "." + b64("signature");

        JournalEntry entry = record(form("jwt_token", jwt));

        assertThat(entry.jwtClaims()).isEmpty();
    }

    @Test
    void aBlankJwtTokenIsNotDecoded() {
        JournalEntry entry = record(form("jwt_token", "   "));

        assertThat(entry.jwtHeader()).isEmpty();
        assertThat(entry.jwtClaims()).isEmpty();
    }

    @Test
    void aJwtWithJsonNullClaimValuesIsRecordedWithTheNulls() {
        String jwt = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "."
                + b64("{\"sub\":\"tech@techacct.adobe.com\",\"iss\":null,\"exp\":null,\"nested\":{\"inner\":null},\"list\":[null,1]}")
                + "." + b64("signature");

        assertThatCode(() -> record(form("client_id", "client-1", "jwt_token", jwt))).doesNotThrowAnyException();

        JournalEntry entry = store.entries().get(0);
        assertThat(entry.jwtHeader()).isPresent();
        assertThat(entry.jwtClaims()).isPresent();
        Map<String, Object> claims = entry.jwtClaims().get();
        assertThat(claims).containsEntry("sub", "tech@techacct.adobe.com").containsKey("iss").containsKey("exp");
        assertThat(claims.get("iss")).isNull();
        assertThat(claims.get("nested")).isInstanceOf(Map.class);
    }

    @Test
    void aJwtWithJsonNullHeaderValuesDoesNotThrow() {
        String jwt = b64("{\"alg\":\"RS256\",\"kid\":null,\"x-custom\":null}") + "." + b64("{\"sub\":null}") + "." + b64("sig");

        assertThatCode(() -> record(form("jwt_token", jwt))).doesNotThrowAnyException();
        assertThat(store.entries()).hasSize(1);
    }

    @Test
    void theOutcomeIsSummedUp() {
        ImsError error = ImsError.wrongSecret("the client_secret does not match client-1's");
        HandlerResult result = new HandlerResult(error.body(), Outcome.rejected(error));
        Fault fault = Fault.status(503).on(ImsEndpoint.TOKEN);

        journal.record("POST", "/ims/token/v3", ImsEndpoint.TOKEN, FormParams.of(form("client_id", "client-1")), result,
                Optional.of(fault), "debug-7");
        JournalEntry entry = store.entries().get(0);

        assertThat(entry.sequence()).isEqualTo(1);
        assertThat(entry.time()).isEqualTo(clock.instant());
        assertThat(entry.method()).isEqualTo("POST");
        assertThat(entry.path()).isEqualTo("/ims/token/v3");
        assertThat(entry.endpoint()).isEqualTo(ImsEndpoint.TOKEN);
        assertThat(entry.clientId()).contains("client-1");
        assertThat(entry.status()).isEqualTo(400);
        assertThat(entry.succeeded()).isFalse();
        assertThat(entry.error()).contains("invalid_client");
        assertThat(entry.errorDescription()).contains(ImsError.BAD_CLIENT_SECRET);
        assertThat(entry.reason()).contains("the client_secret does not match client-1's");
        assertThat(entry.fault()).contains(fault.toString());
        assertThat(entry.tokenId()).isEmpty();
        assertThat(entry.debugId()).isEqualTo("debug-7");
    }

    @Test
    void aSuccessRecordsTheTokenIdAndItsNotesAsTheReasonWhenThereIsNoError() {
        Outcome outcome = new Outcome(Optional.of("token-id-1"), Optional.empty(), List.of("expired"), Optional.empty());
        HandlerResult result = new HandlerResult(ImsResponse.json(200, Map.of("valid", false)), outcome);

        journal.record("POST", "/ims/validate_token/v1", ImsEndpoint.VALIDATE_TOKEN, FormParams.of(form("token", "abc")), result,
                Optional.empty(), "debug-2");
        JournalEntry entry = store.entries().get(0);

        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.succeeded()).isTrue();
        assertThat(entry.tokenId()).contains("token-id-1");
        assertThat(entry.error()).isEmpty();
        assertThat(entry.reason()).contains("expired");
        assertThat(entry.clientId()).isEmpty();
        assertThat(entry.fault()).isEmpty();
    }

    @Test
    void aDroppedConnectionIsRecordedWithStatusZero() {
        journal.record("POST", "/ims/token/v3", ImsEndpoint.TOKEN, FormParams.empty(), HandlerResult.answered(ImsResponse.DROP_CONNECTION),
                Optional.of(Fault.dropConnection()), "debug-3");
        JournalEntry entry = store.entries().get(0);

        assertThat(entry.status()).isZero();
        assertThat(entry.succeeded()).isFalse();
        assertThat(entry.fault()).contains(Fault.dropConnection().toString());
        assertThat(entry.parameters()).isEmpty();
    }

    @Test
    void aBlankClientIdCountsAsNone() {
        JournalEntry entry = record(form("client_id", "  "));

        assertThat(entry.clientId()).isEmpty();
        assertThat(entry.parameters()).containsEntry("client_id", "  ");
    }

    @Test
    void theTimeIsTheFakesClock() {
        JournalEntry first = record(form());
        clock.advance(java.time.Duration.ofHours(3));
        JournalEntry second = record(form());

        assertThat(java.time.Duration.between(first.time(), second.time())).isEqualTo(java.time.Duration.ofHours(3));
        assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

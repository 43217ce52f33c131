package io.github.fakeims.server.attack;

import static io.github.fakeims.server.ImsErrorAssertions.assertImsError;
import static io.github.fakeims.server.attack.AttackKit.NOW;
import static io.github.fakeims.server.attack.AttackKit.RS256_HEADER;
import static io.github.fakeims.server.attack.AttackKit.assertImsErrorShape;
import static io.github.fakeims.server.attack.AttackKit.assertIssued;
import static io.github.fakeims.server.attack.AttackKit.audience;
import static io.github.fakeims.server.attack.AttackKit.b64;
import static io.github.fakeims.server.attack.AttackKit.claims;
import static io.github.fakeims.server.attack.AttackKit.describe;
import static io.github.fakeims.server.attack.AttackKit.exchange;
import static io.github.fakeims.server.attack.AttackKit.json;
import static io.github.fakeims.server.attack.AttackKit.metascopeKey;
import static io.github.fakeims.server.attack.AttackKit.reason;
import static io.github.fakeims.server.attack.AttackKit.register;
import static io.github.fakeims.server.attack.AttackKit.signInput;
import static io.github.fakeims.server.attack.AttackKit.signRs256;
import static io.github.fakeims.server.attack.AttackKit.signed;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.internal.core.ImsError;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Family 2, claim types and encodings: claims of the wrong JSON type, values at and past the edges,
 * aud strings that only look like this fake's, duplicate JSON members, non-JSON and non-base64url
 * segments, and another credential's JWT. Each is signed with the registered key, so only the claim
 * or the encoding under test is wrong: the fake must name it, never issue a token.
 */
class MistypedClaimsAndBrokenEncodingsAreRejectedTest {

    /** ServiceAccountJwtVerifier's upper bound for exp: 9999-12-31T23:59:59Z. */
    private static final long MAX_EPOCH_SECONDS = 253402300799L;

    @AutoClose
    private static FakeImsServer ims;
    private static Credential credential;
    /** Another credential on the same fake, with its own key. */
    private static Credential other;

    @BeforeAll
    static void start() {
        ims = AttackKit.startServer();
        credential = register(ims, TestCredentials.credential());
        other = register(ims, TestCredentials.credential(TestKeys.OTHER_KEYS).build());
    }

    // --- exp ------------------------------------------------------------------------------------------

    static Stream<Arguments> undecodableExps() {
        long valid = NOW.getEpochSecond() + 180;
        return Stream.of(
                Arguments.of("an ISO date string", "\"2030-01-01T00:00:00Z\"", "exp"),
                Arguments.of("an integral float", valid + ".0", "the exp claim is"),
                Arguments.of("a float in exponent notation", "1.9E9", "the exp claim is"),
                Arguments.of("1e30", "1e30", "the exp claim is"),
                Arguments.of("an integer with 31 digits", "1000000000000000000000000000000", "the exp claim is"),
                Arguments.of("negative", "-1", "not a plausible time"),
                Arguments.of("Long.MAX_VALUE", Long.toString(Long.MAX_VALUE), "not a plausible time"),
                Arguments.of("Long.MIN_VALUE", Long.toString(Long.MIN_VALUE), "not a plausible time"),
                Arguments.of("one second past 9999-12-31", Long.toString(MAX_EPOCH_SECONDS + 1), "not a plausible time"),
                Arguments.of("null", "null", "the exp claim is missing"),
                Arguments.of("a boolean", "true", "member exp"),
                Arguments.of("an array", "[" + valid + "]", "exp"),
                Arguments.of("an object", "{\"seconds\":" + valid + "}", "exp"));
    }

    @ParameterizedTest(name = "exp as {0}")
    @MethodSource("undecodableExps")
    void rejectsAnExpThatIsNotAnIntegerTimeAsNotDecodable(String description, String expJson, String reason) {
        String payload = withRaw(claims(ims, credential), "exp", expJson);

        assertImsError(exchange(ims, credential, signRs256(RS256_HEADER, payload, TestKeys.KEYS.getPrivate())), 400,
                "invalid_token", ImsError.FORMAT, reason);
    }

    /** Documented behaviour: no maximum lifetime, so the last second the verifier calls plausible is accepted. */
    @Test
    void acceptsAnExpOnTheLastSecondOfTheYear9999() {
        assertIssued(exchange(ims, credential, signed(with(claims(ims, credential), c -> c.put("exp", MAX_EPOCH_SECONDS)))));
    }

    @Test
    void rejectsAnExpOfZeroAsExpired() {
        assertImsError(exchange(ims, credential, signed(with(claims(ims, credential), c -> c.put("exp", 0L)))), 400,
                "invalid_token", ImsError.EXPIRED, "exp was 1970-01-01T00:00:00Z (0)");
    }

    // --- nbf: the README's rule is "nbf, if present, <= now + 30 s" ---------------------------------

    @Test
    void rejectsAnNbfAnHourAhead() {
        long nbf = NOW.getEpochSecond() + 3600;

        assertImsError(exchange(ims, credential, signed(with(claims(ims, credential), c -> c.put("nbf", nbf)))), 400,
                "invalid_token", ImsError.NOT_YET_VALID, "nbf was");
    }

    /**
     * An nbf far in the future must not become "the past" by overflow: nimbus turns nbf into a Date as
     * seconds * 1000, which wraps around for values past Long.MAX_VALUE / 1000 (and saturates for 1e30).
     */
    @ParameterizedTest(name = "nbf {0}")
    @ValueSource(strings = {"9223372036854776", "9223372036854775807", "1e30", "253402300800"})
    void rejectsAnNbfBeyondTheYear9999InsteadOfWrappingAroundToThePast(String nbfJson) {
        String payload = withRaw(claims(ims, credential), "nbf", nbfJson);

        HttpResponse<String> response = exchange(ims, credential, signRs256(RS256_HEADER, payload, TestKeys.KEYS.getPrivate()));

        Map<String, Object> error = assertImsErrorShape(response);
        assertThat(error).as(describe(response)).containsEntry("error", "invalid_token");
        assertThat((String) error.get("error_description")).as(describe(response)).isIn(ImsError.NOT_YET_VALID, ImsError.FORMAT);
        assertThat(reason(response)).contains("nbf");
    }

    @Test
    void rejectsAnNbfGivenAsAStringAsNotDecodable() {
        String payload = withRaw(claims(ims, credential), "nbf", "\"" + NOW.getEpochSecond() + "\"");

        assertImsError(exchange(ims, credential, signRs256(RS256_HEADER, payload, TestKeys.KEYS.getPrivate())), 400,
                "invalid_token", ImsError.FORMAT, "nbf");
    }

    // --- iss and sub --------------------------------------------------------------------------------------

    static Stream<Arguments> mistypedBindings() {
        return Stream.of(
                Arguments.of("iss", "42"),
                Arguments.of("iss", "[\"%s\"]"),
                Arguments.of("iss", "{\"id\":\"%s\"}"),
                Arguments.of("iss", "true"),
                Arguments.of("sub", "[\"%s\"]"),
                Arguments.of("sub", "[\"%s\",\"OTHER@techacct.adobe.com\"]"));
    }

    /** A claims set nimbus cannot read is not decodable; the reason names the claim. */
    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("mistypedBindings")
    void rejectsAnIssOrSubThatIsNotAStringAsNotDecodable(String claim, String template) {
        String right = claim.equals("iss") ? credential.orgId() : credential.technicalAccountId();
        String payload = withRaw(claims(ims, credential), claim, template.replace("%s", right));

        assertImsError(exchange(ims, credential, signRs256(RS256_HEADER, payload, TestKeys.KEYS.getPrivate())), 400,
                "invalid_token", ImsError.FORMAT, claim);
    }

    /** Documented behaviour: nimbus reads a numeric sub as its decimal string, so it is an unknown binding, not undecodable. */
    @Test
    void rejectsANumericSubAsAnUnknownBinding() {
        String payload = withRaw(claims(ims, credential), "sub", "42");

        assertImsError(exchange(ims, credential, signRs256(RS256_HEADER, payload, TestKeys.KEYS.getPrivate())), 400,
                "invalid_token", ImsError.NO_BINDING, "sub was 42, expected the technical account");
    }

    @Test
    void rejectsAnIssThatDiffersOnlyInCase() {
        String iss = credential.orgId().replace("@AdobeOrg", "@adobeorg");

        assertImsError(exchange(ims, credential, signed(with(claims(ims, credential), c -> c.put("iss", iss)))), 400,
                "invalid_token", ImsError.NO_BINDING, "iss was " + iss);
    }

    @Test
    void rejectsASubWithTrailingWhitespace() {
        String sub = credential.technicalAccountId() + " ";

        assertImsError(exchange(ims, credential, signed(with(claims(ims, credential), c -> c.put("sub", sub)))), 400,
                "invalid_token", ImsError.NO_BINDING, "sub was " + sub);
    }

    // --- aud ------------------------------------------------------------------------------------------

    /** The fake's rule: exactly one aud value; the reason gives the count. */
    @Test
    void rejectsAnAudArrayWithAForeignEntryBeforeTheMatchingOne() {
        List<String> aud = List.of("https://ims-na1.adobelogin.com/c/" + credential.clientId(), audience(ims, credential));

        assertImsError(exchange(ims, credential, signed(with(claims(ims, credential), c -> c.put("aud", aud)))), 400,
                "invalid_client", ImsError.BAD_CLIENT_ID, "the aud claim has 2 values", "exactly one");
    }

    @Test
    void rejectsAnAudArrayRepeatingTheMatchingValue() {
        List<String> aud = List.of(audience(ims, credential), audience(ims, credential));

        assertImsError(exchange(ims, credential, signed(with(claims(ims, credential), c -> c.put("aud", aud)))), 400,
                "invalid_client", ImsError.BAD_CLIENT_ID, "the aud claim has 2 values");
    }

    /** Documented behaviour: a one-element array is exactly one value, so it is accepted like the plain string. */
    @Test
    void acceptsAnAudArrayHoldingOnlyTheMatchingValue() {
        assertIssued(exchange(ims, credential, signed(with(claims(ims, credential), c -> c.put("aud", List.of(audience(ims,
                credential)))))));
    }

    @Test
    void rejectsAnEmptyAudArrayAsMissing() {
        assertImsError(exchange(ims, credential, signed(with(claims(ims, credential), c -> c.put("aud", List.of())))), 400,
                "invalid_client", ImsError.BAD_CLIENT_ID, "the aud claim is missing");
    }

    @ParameterizedTest(name = "aud = {0}")
    @ValueSource(strings = {"42", "[\"%s\",42]", "{\"aud\":\"%s\"}", "true"})
    void rejectsAnAudThatIsNeitherAStringNorAnArrayOfStringsAsNotDecodable(String template) {
        String payload = withRaw(claims(ims, credential), "aud", template.replace("%s", audience(ims, credential)));

        assertImsError(exchange(ims, credential, signRs256(RS256_HEADER, payload, TestKeys.KEYS.getPrivate())), 400,
                "invalid_token", ImsError.FORMAT, "aud");
    }

    /**
     * aud strings that contain this fake's base URL but are not it. Real IMS compares the string with
     * {@code <base>/c/<client_id>}; a user name, a query, a fragment or surrounding whitespace make it
     * another string. The metascope key is left as a client would write it for the base.
     */
    @ParameterizedTest(name = "aud = {0}")
    @ValueSource(strings = {"http://attacker@{hostport}/c/{id}", "http://{hostport}?x=/c/{id}", "http://{hostport}#/c/{id}",
            " http://{hostport}/c/{id}", "\thttp://{hostport}/c/{id}", "http://{hostport}\n/c/{id}",
            "http://{hostport}/c/{id}/", "http://{hostport}/c/{id} ", "http://{hostport}/C/{id}", "http://{hostport}/c//{id}"})
    void rejectsAnAudThatOnlyContainsTheFakesBaseUrl(String template) {
        String aud = template.replace("{hostport}", ims.baseUrl().getAuthority()).replace("{id}", credential.clientId());

        assertImsError(exchange(ims, credential, signed(with(claims(ims, credential), c -> c.put("aud", aud)))), 400,
                "invalid_client", ImsError.BAD_CLIENT_ID, "aud");
    }

    // --- metascopes -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "metascope = {0}")
    @ValueSource(strings = {"1", "null", "{\"granted\":true}", "[true]", "\"TRUE\"", "0"})
    void rejectsAMetascopeClaimWhoseValueIsNotTheBooleanTrue(String valueJson) {
        String payload = withRaw(claims(ims, credential), metascopeKey(ims), valueJson);

        assertImsError(exchange(ims, credential, signRs256(RS256_HEADER, payload, TestKeys.KEYS.getPrivate())), 400,
                "invalid_scope", ImsError.METASCOPES, "metascope claim " + metascopeKey(ims) + " is",
                "IMS requires the JSON boolean true");
    }

    @Test
    void rejectsAnEmptyMetascopeCode() {
        String payload = json(with(claims(ims, credential), c -> c.put(ims.baseUrl() + "/s/", true)));

        assertImsError(exchange(ims, credential, signRs256(RS256_HEADER, payload, TestKeys.KEYS.getPrivate())), 400,
                "invalid_scope", ImsError.METASCOPES, "are not granted");
    }

    // --- duplicate JSON members -------------------------------------------------------------------------

    /**
     * Documented behaviour: nimbus-jose-jwt's JSON reader (Gson) refuses a payload with a duplicate
     * member name, so neither value wins: the JWT is not decodable, whichever copy is right.
     */
    @ParameterizedTest(name = "duplicate {0}")
    @ValueSource(strings = {"iss", "sub", "aud", "exp", "metascope"})
    void rejectsAPayloadNamingAClaimTwiceAsNotDecodable(String claim) {
        Map<String, Object> claims = claims(ims, credential);
        String name = claim.equals("metascope") ? metascopeKey(ims) : claim;
        Object wrong = switch (claim) {
            case "iss" -> "EVIL@AdobeOrg";
            case "sub" -> "EVIL@techacct.adobe.com";
            case "aud" -> ims.baseUrl() + "/c/" + other.clientId();
            case "exp" -> NOW.getEpochSecond() - 3600;
            default -> false;
        };
        String member = json(Map.of(name, wrong));
        member = member.substring(1, member.length() - 1);
        String right = json(claims);
        String wrongFirst = "{" + member + "," + right.substring(1);
        String wrongLast = right.substring(0, right.length() - 1) + "," + member + "}";

        for (String payload : List.of(wrongFirst, wrongLast)) {
            assertImsError(exchange(ims, credential, signRs256(RS256_HEADER, payload, TestKeys.KEYS.getPrivate())), 400,
                    "invalid_token", ImsError.FORMAT, "the JWT payload is not a valid claims set");
        }
    }

    // --- segments that are not JSON or not base64url ----------------------------------------------------

    @ParameterizedTest(name = "payload {0}")
    @ValueSource(strings = {"not json", "{iss:'x'}", "[1,2]", "null", "\"a string\"", "42", "", " ", "{\"exp\":1,}",
            "{\"a\":1} trailing", "{\"a\":\"\u0001\"}"})
    void rejectsAPayloadThatIsNotAJsonObjectAsNotDecodable(String payload) {
        assertImsError(exchange(ims, credential, signRs256(RS256_HEADER, payload, TestKeys.KEYS.getPrivate())), 400,
                "invalid_token", ImsError.FORMAT, "payload");
    }

    @ParameterizedTest(name = "header {0}")
    @ValueSource(strings = {"RS256", "{alg:'RS256'}", "[\"RS256\"]", "null", "", "{\"alg\":\"RS256\"", "{\"alg\":\"RS256\"}}"})
    void rejectsAHeaderThatIsNotAJsonObjectAsNotDecodable(String header) {
        assertImsError(exchange(ims, credential, signRs256(header, json(claims(ims, credential)), TestKeys.KEYS.getPrivate())),
                400, "invalid_token", ImsError.FORMAT, "not a compact JWT");
    }

    /**
     * RFC 7515 section 2 and 7.1: each part is base64url without padding. The signing input below is
     * exactly what was signed (by the registered key), only its text is not base64url: a client that
     * pads or uses the standard alphabet fails against real IMS and must fail here, not learn it in production.
     */
    static Stream<Arguments> nonBase64UrlSigningInputs() {
        return Stream.of(
                Arguments.of("a padded header", padded(b64(RS256_HEADER)) + "." + b64(json(claims(ims, credential)))),
                Arguments.of("a padded payload", b64(RS256_HEADER) + "." + padded(b64(json(claims(ims, credential))))),
                Arguments.of("a payload in the standard base64 alphabet", b64(RS256_HEADER) + "."
                        + standardAlphabetPayload()),
                Arguments.of("a header with a line break inside", b64(RS256_HEADER).substring(0, 8) + "\n"
                        + b64(RS256_HEADER).substring(8) + "." + b64(json(claims(ims, credential)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonBase64UrlSigningInputs")
    void rejectsAHeaderOrPayloadSegmentThatIsNotBase64Url(String description, String signingInput) {
        assertImsError(exchange(ims, credential, signInput(signingInput, TestKeys.KEYS.getPrivate())), 400, "invalid_token",
                ImsError.FORMAT);
    }

    /** The right signature bytes, written in a way that is not base64url. */
    @ParameterizedTest(name = "signature {0}")
    @ValueSource(strings = {"padded with ==", "with ! inside", "with a space inside", "in the standard alphabet",
            "with a non-ASCII letter inside"})
    void rejectsASignatureSegmentThatIsNotBase64Url(String variant) {
        String valid = AttackKit.validJwt(ims, credential);
        int dot = valid.lastIndexOf('.');
        byte[] signatureBytes = Base64.getUrlDecoder().decode(valid.substring(dot + 1));
        String signature = valid.substring(dot + 1);
        String broken = switch (variant) {
            case "padded with ==" -> Base64.getUrlEncoder().encodeToString(signatureBytes) + (signature.length() % 4 == 0 ? "==" : "");
            case "with ! inside" -> signature.substring(0, 10) + "!" + signature.substring(10);
            case "with a space inside" -> signature.substring(0, 10) + " " + signature.substring(10);
            case "in the standard alphabet" -> Base64.getEncoder().withoutPadding().encodeToString(signatureBytes);
            default -> signature.substring(0, 10) + "é" + signature.substring(10);
        };
        assertThat(broken).as("the variant must differ from the base64url text").isNotEqualTo(signature);

        assertImsError(exchange(ims, credential, valid.substring(0, dot + 1) + broken), 400, "invalid_token", ImsError.FORMAT);
    }

    // --- another credential's JWT ---------------------------------------------------------------------

    @Test
    void rejectsAnotherRegisteredCredentialsValidJwtSentWithThisCredentialsIdAndSecret() {
        String othersJwt = signRs256(RS256_HEADER, json(claims(ims, other)), TestKeys.OTHER_KEYS.getPrivate());

        assertIssued(exchange(ims, other, othersJwt));
        assertImsError(exchange(ims, credential, othersJwt), 400, "invalid_client", ImsError.BAD_CLIENT_ID,
                "aud was " + audience(ims, other) + ", expected " + audience(ims, credential));
    }

    @Test
    void rejectsAnotherCredentialsJwtReaddressedToThisClientButSignedWithTheOtherKey() {
        Map<String, Object> claims = with(claims(ims, other), c -> c.put("aud", audience(ims, credential)));

        assertImsError(exchange(ims, credential, signRs256(RS256_HEADER, json(claims), TestKeys.OTHER_KEYS.getPrivate())), 400,
                "invalid_token", ImsError.NO_BINDING, "the signature does not verify");
    }

    /** Two credentials that share one certificate (a reused key pair) are still told apart by iss/sub. */
    @Test
    void rejectsAJwtBoundToAnotherCredentialThatSharesTheSameCertificate() {
        Credential first = register(ims, TestCredentials.onlyCertificate(credential.certificates().get(0)));
        Credential second = register(ims, TestCredentials.onlyCertificate(credential.certificates().get(0)));
        Map<String, Object> claims = with(claims(ims, second), c -> c.put("aud", audience(ims, first)));

        assertImsError(exchange(ims, first, signed(claims)), 400, "invalid_token", ImsError.NO_BINDING,
                "iss was " + second.orgId() + ", expected the organization " + first.orgId());
    }

    // --- helpers --------------------------------------------------------------------------------------

    private static Map<String, Object> with(Map<String, Object> claims, Consumer<Map<String, Object>> change) {
        change.accept(claims);
        return claims;
    }

    /** The claims as JSON, with {@code name} set to a raw JSON text (possibly not a valid claim value). */
    private static String withRaw(Map<String, Object> claims, String name, String rawJson) {
        claims.put(name, "@@RAW@@");
        return json(claims).replace("\"@@RAW@@\"", rawJson);
    }

    private static String padded(String base64url) {
        String padded = base64url;
        while (padded.length() % 4 != 0) {
            padded += "=";
        }
        return padded.equals(base64url) ? base64url + "====" : padded;
    }

    /** The payload in the standard alphabet; claims are chosen so that the text contains '+' or '/'. */
    private static String standardAlphabetPayload() {
        for (int i = 0; ; i++) {
            int n = i;
            String text = Base64.getEncoder().withoutPadding().encodeToString(json(with(claims(ims, credential),
                    c -> c.put("pad", "?>?>" + n))).getBytes(StandardCharsets.UTF_8));
            if (text.contains("+") || text.contains("/")) {
                return text;
            }
        }
    }
}

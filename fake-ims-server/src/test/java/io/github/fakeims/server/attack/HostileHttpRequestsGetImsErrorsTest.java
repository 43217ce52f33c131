package io.github.fakeims.server.attack;

import static io.github.fakeims.server.ImsErrorAssertions.assertImsError;
import static io.github.fakeims.server.attack.AttackKit.ascii;
import static io.github.fakeims.server.attack.AttackKit.assertImsErrorShape;
import static io.github.fakeims.server.attack.AttackKit.assertIssued;
import static io.github.fakeims.server.attack.AttackKit.assertNoServerError;
import static io.github.fakeims.server.attack.AttackKit.claims;
import static io.github.fakeims.server.attack.AttackKit.concat;
import static io.github.fakeims.server.attack.AttackKit.describe;
import static io.github.fakeims.server.attack.AttackKit.exchange;
import static io.github.fakeims.server.attack.AttackKit.exchangeUrl;
import static io.github.fakeims.server.attack.AttackKit.formBody;
import static io.github.fakeims.server.attack.AttackKit.params;
import static io.github.fakeims.server.attack.AttackKit.post;
import static io.github.fakeims.server.attack.AttackKit.reason;
import static io.github.fakeims.server.attack.AttackKit.register;
import static io.github.fakeims.server.attack.AttackKit.signed;
import static io.github.fakeims.server.attack.AttackKit.validJwt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsErrorAssertions;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.http.FormBodyParser;
import io.github.fakeims.server.internal.http.HttpServerAdapter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import java.util.function.Function;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Family 3, sizes and encodings over real HTTP: huge tokens and bodies, the body limit and its edge,
 * bytes that are not UTF-8, broken percent-encoding, NUL and line breaks, wrong content types,
 * wrong methods, long query strings, many parameters, and bodies built to make the parser or the
 * worker threads slow. Every answer is a 4xx IMS JSON error (or a 200 where the input is in fact
 * fine): never a 5xx, never a dropped connection, never a hang.
 */
class HostileHttpRequestsGetImsErrorsTest {

    private static final int LIMIT = HttpServerAdapter.MAX_BODY_BYTES;
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MALFORMED = "The request is malformed.";

    @AutoClose
    private static FakeImsServer ims;
    private static Credential credential;

    @BeforeAll
    static void start() {
        ims = AttackKit.startServer();
        credential = register(ims, TestCredentials.credential());
    }

    // --- big tokens -------------------------------------------------------------------------------------

    @Test
    void rejectsA600KilobyteJwtTokenOfGarbageAsNotDecodable() {
        assertImsError(exchange(ims, credential, "A".repeat(600 * 1024)), 400, "invalid_token", ImsError.FORMAT,
                "not a compact JWT");
    }

    @Test
    void rejectsA600KilobyteJwtTokenOfDotsAsNotDecodable() {
        assertImsError(exchange(ims, credential, ".".repeat(600 * 1024)), 400, "invalid_token", ImsError.FORMAT,
                "not a compact JWT");
    }

    @Test
    void rejectsA600KilobyteHeaderAsNotDecodable() {
        String token = AttackKit.signRs256("{\"alg\":\"RS256\",\"x\":\"" + "h".repeat(600 * 1024) + "\"}",
                AttackKit.json(claims(ims, credential)), TestKeys.KEYS.getPrivate());

        assertImsError(exchange(ims, credential, token), 400, "invalid_token", ImsError.FORMAT, "not a compact JWT");
    }

    /** Documented behaviour: nothing limits a claim's size below the body limit, so a big but valid JWT is accepted. */
    @Test
    void acceptsAValid600KilobyteJwtWhoseSizeComesFromAnExtraClaim() {
        Map<String, Object> claims = claims(ims, credential);
        claims.put("padding", "p".repeat(450 * 1024));
        String token = signed(claims);
        assertThat(token.length()).isGreaterThan(600 * 1024);

        assertIssued(exchange(ims, credential, token));
    }

    @Test
    void rejectsAPayloadNested100000LevelsDeepAsNotDecodable() {
        String payload = AttackKit.json(claims(ims, credential));
        payload = payload.substring(0, payload.length() - 1) + ",\"deep\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertImsError(exchange(ims, credential, AttackKit.signRs256(AttackKit.RS256_HEADER, payload,
                TestKeys.KEYS.getPrivate())), 400, "invalid_token", ImsError.FORMAT, "payload");
    }

    // --- the body limit ---------------------------------------------------------------------------------

    @Test
    void acceptsAValidExchangeWhoseBodyIsExactlyOneMebibyte() {
        byte[] body = paddedTo(LIMIT);

        assertIssued(post(exchangeUrl(ims), FORM, body));
    }

    @Test
    void answers413ToABodyOneByteOverOneMebibyte() {
        HttpResponse<String> response = post(exchangeUrl(ims), FORM, paddedTo(LIMIT + 1));

        assertImsError(response, 413, "invalid_request", "The request body is too large.", "the body exceeds " + LIMIT + " bytes");
    }

    @Test
    void answers413ToAFiveMebibyteBody() {
        assertImsError(post(exchangeUrl(ims), FORM, paddedTo(5 * LIMIT)), 413, "invalid_request",
                "The request body is too large.", "exceeds");
    }

    @Test
    void answers413ToAChunkedBodyOverTheLimit() {
        byte[] body = paddedTo(2 * LIMIT);
        HttpRequest request = HttpRequest.newBuilder(exchangeUrl(ims)).header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        assertImsError(AttackKit.send(request, Duration.ofSeconds(10)), 413, "invalid_request", "The request body is too large.",
                "exceeds");
    }

    // --- bytes and escapes --------------------------------------------------------------------------------

    @ParameterizedTest(name = "invalid UTF-8 in {0}")
    @CsvSource({"client_id, invalid_client, invalid client_id parameter, no credential has client_id",
            "client_secret, invalid_client, invalid client_secret parameter, does not match",
            "jwt_token, invalid_token, 'JWT token is incorrectly formatted, and can not be decoded.', not a compact JWT"})
    void answersAnImsErrorToInvalidUtf8BytesInAValue(String parameter, String error, String description, String reason) {
        Map<String, String> params = params(credential, validJwt(ims, credential));
        String value = params.remove(parameter);
        // the value becomes: bytes that are not UTF-8 (a broken 2-byte sequence, 0xFF, 0xFE), then the real value
        byte[] body = concat(ascii(formBody(params) + "&" + parameter + "="),
                new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE}, ascii(ImsHttp.encode(value)));

        assertImsError(post(exchangeUrl(ims), FORM, body), 400, error, description, reason);
    }

    @Test
    void answersMissingParameterWhenInvalidUtf8ReplacesAParameterName() {
        String valid = formBody(params(credential, validJwt(ims, credential)));
        byte[] body = ascii(valid.replace("client_secret=", "client_\u00ff\u00fesecret="));

        assertImsError(post(exchangeUrl(ims), FORM, body), 400, "invalid_request", "Missing required parameter: client_secret",
                "client_secret");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "jwt_token|%|invalid_token|JWT token is incorrectly formatted, and can not be decoded.|not a compact JWT",
            "jwt_token|%G1|invalid_token|JWT token is incorrectly formatted, and can not be decoded.|not a compact JWT",
            "jwt_token|%%|invalid_token|JWT token is incorrectly formatted, and can not be decoded.|not a compact JWT",
            "client_id|%%|invalid_client|invalid client_id parameter|no credential has client_id %%",
            "client_id|%G1%|invalid_client|invalid client_id parameter|no credential has client_id %G1%",
            "client_secret|%|invalid_client|invalid client_secret parameter|does not match",
            "client_secret|%%41|invalid_client|invalid client_secret parameter|does not match"})
    void answersAnImsErrorToBrokenPercentEncoding(String parameter, String rawValue, String error, String description,
                                                  String reason) {
        Map<String, String> params = params(credential, validJwt(ims, credential));
        params.remove(parameter);
        String body = formBody(params) + "&" + parameter + "=" + rawValue;

        assertImsError(post(exchangeUrl(ims), FORM, ascii(body)), 400, error, description, reason);
    }

    @Test
    void acceptsAValidExchangeSurroundedByJunkParametersWithBrokenEscapes() {
        String body = "%=%%&%G1=%&&=&%00=%0&" + formBody(params(credential, validJwt(ims, credential))) + "&%=&%%%=%";

        assertIssued(post(exchangeUrl(ims), FORM, ascii(body)));
    }

    /**
     * A NUL is not whitespace: a value with a NUL after it is another value. (For jwt_token the fake
     * trims with String.trim(), which also removes NUL and every other control character.)
     */
    @ParameterizedTest(name = "NUL in {0}")
    @ValueSource(strings = {"client_id", "client_secret", "jwt_token"})
    void answersAnImsErrorToARawNulByteAppendedToAValue(String parameter) {
        Map<String, String> params = params(credential, validJwt(ims, credential));
        String body = formBody(params).replace(parameter + "=" + ImsHttp.encode(params.get(parameter)),
                parameter + "=" + ImsHttp.encode(params.get(parameter)) + "\u0000");

        HttpResponse<String> response = post(exchangeUrl(ims), FORM, ascii(body));

        Map<String, Object> error = assertImsErrorShape(response);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.get("error")).isEqualTo(parameter.equals("jwt_token") ? "invalid_token" : "invalid_client");
    }

    @Test
    void answersAnImsErrorToAnEscapedNulInTheClientId() {
        Map<String, String> params = params(credential, validJwt(ims, credential));
        String body = formBody(params).replace("client_id=", "client_id=%00");

        assertImsError(post(exchangeUrl(ims), FORM, ascii(body)), 400, "invalid_client", ImsError.BAD_CLIENT_ID,
                "no credential has client_id");
    }

    /**
     * validate_token puts its reason in the X-Fake-Ims-Reason header; the reason quotes the {@code type}
     * the client sent. A type with a line break must still get its 200 {"valid":false}, not a dropped
     * connection (the JDK refuses CR/LF in a header value).
     */
    @ParameterizedTest(name = "type = {0}")
    @ValueSource(strings = {"refresh_token%0AX-Injected:%201", "a%0D%0AX-Injected:%201", "a%0D%0A%20folded", "%0D", "caf%C3%A9",
            "%E2%82%AC%F0%9F%98%80", "%00"})
    void answersValidFalseToAValidationTypeWithControlOrNonAsciiCharacters(String escapedType) {
        String body = "client_id=" + ImsHttp.encode(credential.clientId()) + "&token=abc&type=" + escapedType;

        HttpResponse<String> response = post(ims.baseUrl().resolve("/ims/validate_token/v1"), FORM, ascii(body));

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
        assertThat(ImsHttp.json(response)).containsEntry("valid", false);
        assertThat(response.headers().map()).doesNotContainKey("x-injected");
    }

    @Test
    void answersValidFalseWhenTheValidatingClientIdHoldsALineBreak() {
        Map<String, Object> issued = ImsHttp.json(exchange(ims, credential, validJwt(ims, credential)));
        String body = "client_id=other%0Aclient&token=" + ImsHttp.encode((String) issued.get("access_token"));

        HttpResponse<String> response = post(ims.baseUrl().resolve("/ims/validate_token/v1"), FORM, ascii(body));

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
        assertThat(ImsHttp.json(response)).containsEntry("valid", false);
    }

    // --- content types ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "Content-Type {0}")
    @ValueSource(strings = {"text/plain", "application/json", "application/xml", "application/octet-stream", "x/y; boundary=z",
            "\u00e9\u00e8/\u00ff", "*/*"})
    void rejectsAFormSentWithAContentTypeThatIsNotAForm(String contentType) {
        byte[] body = ascii(formBody(params(credential, validJwt(ims, credential))));

        HttpResponse<String> response = post(exchangeUrl(ims), contentType, body);

        assertImsError(response, 400, "invalid_request", MALFORMED, "is not accepted");
    }

    @Test
    void rejectsAJsonBodyWithTheJsonContentType() {
        String body = "{\"client_id\":\"" + credential.clientId() + "\",\"client_secret\":\"" + credential.clientSecret()
                + "\",\"jwt_token\":\"" + validJwt(ims, credential) + "\"}";

        assertImsError(post(exchangeUrl(ims), "application/json", ascii(body)), 400, "invalid_request", MALFORMED,
                "Content-Type application/json is not accepted");
    }

    /** Documented behaviour: without a Content-Type (or with an empty one) the body is read as a urlencoded form. */
    @ParameterizedTest(name = "Content-Type \"{0}\"")
    @ValueSource(strings = {"<none>", "", ";", " ; charset=UTF-8"})
    void acceptsAValidFormWithoutOrWithAnEmptyContentType(String contentType) {
        byte[] body = ascii(formBody(params(credential, validJwt(ims, credential))));

        assertIssued(post(exchangeUrl(ims), contentType.equals("<none>") ? null : contentType, body));
    }

    @Test
    void rejectsMultipartWithoutABoundary() {
        assertImsError(post(exchangeUrl(ims), "multipart/form-data", multipart("b0undary", true)), 400, "invalid_request",
                MALFORMED, "without a boundary");
    }

    @Test
    void rejectsMultipartWithAnEmptyBoundary() {
        assertImsError(post(exchangeUrl(ims), "multipart/form-data; boundary=", multipart("b0undary", true)), 400,
                "invalid_request", MALFORMED, "boundary");
    }

    @Test
    void rejectsMultipartWhoseBodyLacksItsBoundary() {
        assertImsError(post(exchangeUrl(ims), "multipart/form-data; boundary=other", multipart("b0undary", true)), 400,
                "invalid_request", MALFORMED, "does not contain its boundary");
    }

    @Test
    void rejectsATruncatedMultipartBody() {
        byte[] whole = multipart("b0undary", false);
        byte[] truncated = Arrays.copyOf(whole, whole.length - 40);

        assertImsError(post(exchangeUrl(ims), "multipart/form-data; boundary=b0undary", truncated), 400, "invalid_request",
                MALFORMED, "truncated");
    }

    @Test
    void acceptsAWellFormedMultipartBodyAsTheControl() {
        assertIssued(post(exchangeUrl(ims), "multipart/form-data; boundary=b0undary", multipart("b0undary", true)));
    }

    // --- methods and paths ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/ims/exchange/jwt", "/ims/exchange/v1/jwt/", "/ims/token/v3",
            "/ims/invalidate_token/v2", "/ims/revoke"}) // validate_token takes GET too (ImsFidelityTest)
    void answers405WithAllowPostToAGetOnAPostEndpoint(String path) {
        HttpResponse<String> response = ImsHttp.get(ims.baseUrl().resolve(path + "?client_id=" + credential.clientId()), null);

        assertImsError(response, 405, "method_not_allowed", "The request method is not supported for this resource.",
                "takes POST, not GET");
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void answers405WithoutABodyToAHeadOnAPostEndpoint() {
        HttpResponse<String> response = AttackKit.send(HttpRequest.newBuilder(exchangeUrl(ims))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(reason(response)).contains("takes POST, not HEAD");
        assertThat(response.headers().firstValue("x-debug-id")).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "OPTIONS", "BREW"})
    void answers405ToOtherMethodsOnThePostEndpoint(String method) {
        byte[] body = ascii(formBody(params(credential, validJwt(ims, credential))));
        HttpResponse<String> response = AttackKit.send(HttpRequest.newBuilder(exchangeUrl(ims)).header("Content-Type", FORM)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), Duration.ofSeconds(5));

        assertImsError(response, 405, "method_not_allowed", "The request method is not supported for this resource.",
                "takes POST, not " + method);
    }

    @Test
    void answers405WithAllowGetToAPostOnAGetEndpoint() {
        HttpResponse<String> response = post(ims.baseUrl().resolve("/ims/keys"), FORM, ascii("a=b"));

        assertImsError(response, 405, "method_not_allowed", "The request method is not supported for this resource.",
                "takes GET, not POST");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @ParameterizedTest(name = "POST {0}")
    @ValueSource(strings = {"/ims/exchange//jwt", "/IMS/EXCHANGE/JWT", "/ims/exchange/jwt/..", "/ims/exchange/jwt;x=1",
            "/ims/exchange/jwt%00", "/%2e%2e/ims/exchange/jwt", "/ims/exchange/jwt/.", "/ims"})
    void answersAnImsJsonAnswerToOddPaths(String path) {
        byte[] body = ascii(formBody(params(credential, validJwt(ims, credential))));

        assertNoServerError(post(URI.create(ims.baseUrl() + path), FORM, body));
    }

    // --- query string and parameter counts -----------------------------------------------------------------

    @Test
    void acceptsAValidBodyWithAHundredKilobyteQueryString() {
        URI url = URI.create(exchangeUrl(ims) + "?junk=" + "q".repeat(100 * 1024));

        assertIssued(post(url, FORM, ascii(formBody(params(credential, validJwt(ims, credential))))));
    }

    /**
     * Documented behaviour: a request line beyond the JDK HTTP server's header limit (about 384 KiB) is
     * refused by the JDK before the fake sees it, by closing the connection; never a 5xx, never a hang.
     */
    @Test
    void closesTheConnectionForAHalfMegabyteQueryStringWithoutAServerErrorOrAHang() {
        byte[] request = ascii("POST /ims/exchange/jwt?junk=" + "q".repeat(512 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + ims.port() + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        AttackKit.RawResponse response = AttackKit.raw(ims, request, Duration.ofSeconds(5));

        assertThat(response.failure()).as(response.toString()).doesNotStartWith("timed out");
        if (response.answered()) {
            assertThat(response.status()).as(response.toString()).isBetween(400, 499);
        }
    }

    @Test
    void rejectsAHundredKilobyteClientIdInTheQueryString() {
        Map<String, String> params = params(credential, validJwt(ims, credential));
        params.remove("client_id");
        URI url = URI.create(exchangeUrl(ims) + "?client_id=" + "c".repeat(100 * 1024));

        HttpResponse<String> response = post(url, FORM, ascii(formBody(params)));

        assertImsError(response, 400, "invalid_client", ImsError.BAD_CLIENT_ID, "no credential has client_id ccc");
        assertThat(reason(response).length()).as("the reason header is kept short").isLessThanOrEqualTo(1000);
    }

    @Test
    void acceptsAValidExchangeAmongTenThousandOtherBodyParameters() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            body.append("p").append(i).append('=').append(i).append('&');
        }
        body.append(formBody(params(credential, validJwt(ims, credential))));

        assertIssued(post(exchangeUrl(ims), FORM, ascii(body.toString())));
    }

    @Test
    void acceptsAValidBodyAfterTenThousandQueryParameters() {
        StringBuilder query = new StringBuilder("?");
        for (int i = 0; i < 10_000; i++) {
            query.append("q").append(i).append("=&");
        }

        assertIssued(post(URI.create(exchangeUrl(ims) + query.toString()), FORM, ascii(formBody(params(credential,
                validJwt(ims, credential))))));
    }

    @Test
    void letsTheFirstOfTenThousandRepeatedClientIdsWin() {
        StringBuilder body = new StringBuilder(formBody(params(credential, validJwt(ims, credential))));
        for (int i = 0; i < 10_000; i++) {
            body.append("&client_id=x").append(i);
        }

        assertIssued(post(exchangeUrl(ims), FORM, ascii(body.toString())));
    }

    // --- bodies built to be slow ---------------------------------------------------------------------------

    /**
     * A multipart body of ~150,000 tiny parts separated by bare LF. FormBodyParser.parseMultipart looked
     * for "\r\n\r\n" from each part to the end of the body before it fell back to "\n\n", so the
     * work grew with parts x body size. Over HTTP: an IMS error, not a hang or a 5xx.
     */
    @Test
    void answersAOneMebibyteMultipartBodyOfTinyLfPartsWithAnImsError() {
        HttpResponse<String> response = post(exchangeUrl(ims), "multipart/form-data; boundary=b", tinyParts("\n"),
                Duration.ofSeconds(30));

        assertImsError(response, 400, "invalid_request", "Missing required parameter: client_id", "client_id");
    }

    /**
     * The same body's parse costs about what the same number of CRLF parts costs: linear, not parts x
     * size. A ratio of two parses in this JVM, each the fastest of several, so the machine's speed
     * cancels out (a quadratic parse of this body is thousands of times slower, not twice).
     */
    @Test
    void parsesTinyLfPartsAboutAsFastAsTinyCrlfParts() throws Exception {
        byte[] lf = tinyParts("\n");
        byte[] crlf = tinyParts("\r\n");
        long lfNanos = Long.MAX_VALUE;
        long crlfNanos = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            lfNanos = Math.min(lfNanos, parseNanos(lf));
            crlfNanos = Math.min(crlfNanos, parseNanos(crlf));
        }

        assertThat((double) lfNanos / crlfNanos)
                .as("LF parts took %d µs, CRLF parts %d µs", lfNanos / 1000, crlfNanos / 1000)
                .isLessThan(20.0);
    }

    private static byte[] tinyParts(String lineBreak) {
        StringBuilder body = new StringBuilder();
        String part = "--b" + lineBreak + lineBreak + "v" + lineBreak;
        while (body.length() < LIMIT - 16) {
            body.append(part);
        }
        return ascii(body.append("--b--").append(lineBreak).toString());
    }

    private static long parseNanos(byte[] body) throws FormBodyParser.MalformedBodyException {
        long start = System.nanoTime();
        FormBodyParser.parse(null, Optional.of("multipart/form-data; boundary=b"), body);
        return System.nanoTime() - start;
    }

    /**
     * A boundary of 20,000 characters (RFC 2046 allows 70) over a 1 MiB body that nearly matches it at
     * every offset: String.indexOf would compare up to the whole boundary at each of the million
     * offsets. The answer names the boundary's length, which is checked before any search.
     */
    @Test
    void refusesAMultipartBodyWithAHugeBoundaryBeforeSearchingForIt() {
        String boundary = "-".repeat(20_000) + "x";
        byte[] body = new byte[LIMIT];
        Arrays.fill(body, (byte) '-');

        HttpResponse<String> response = post(exchangeUrl(ims), "multipart/form-data; boundary=" + boundary, body,
                Duration.ofSeconds(30));

        assertImsError(response, 400, "invalid_request", MALFORMED, "1 to 70 visible characters");
    }

    /**
     * Clients that announce a body and then stall (a wrong Content-Length, a crashed client) must not
     * take the fake down for everybody: with every worker thread waiting for such a body, a valid
     * request must still be answered.
     */
    @Test
    void stillAnswersAValidRequestWhileSixteenClientsStallMidBody() throws IOException {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ims.port()), 3000);
                OutputStream out = socket.getOutputStream();
                out.write(ascii("POST /ims/exchange/jwt HTTP/1.1\r\nHost: 127.0.0.1:" + ims.port()
                        + "\r\nContent-Type: " + FORM + "\r\nContent-Length: 1000\r\n\r\nclient_id="));
                out.flush();
                stalled.add(socket);
            }

            byte[] valid = ascii(formBody(params(credential, validJwt(ims, credential))));
            HttpResponse<String> response = post(exchangeUrl(ims), FORM, valid, Duration.ofSeconds(30));

            assertIssued(response);
            // Answered while every stalled request was still waiting (none answered or closed by the
            // fake's request deadline yet): the valid request did not queue behind them.
            for (Socket socket : stalled) {
                assertThat(stillWaiting(socket)).as("a stalled request was still pending when the valid one was answered")
                        .isTrue();
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void neitherHangsNorAnswers5xxToABrokenChunkedBody() {
        byte[] request = ascii("POST /ims/exchange/jwt HTTP/1.1\r\nHost: 127.0.0.1:" + ims.port()
                + "\r\nContent-Type: " + FORM + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "zz\r\nclient_id=x\r\n0\r\n\r\n");

        AttackKit.RawResponse response = AttackKit.raw(ims, request, Duration.ofSeconds(5));

        assertThat(response.failure()).as(response.toString()).doesNotStartWith("timed out");
        if (response.answered()) {
            assertThat(response.status()).as(response.toString()).isBetween(400, 499);
        }
    }

    @Test
    void answersAContentLengthShorterThanTheBodyWithAnImsAnswer() {
        String form = formBody(params(credential, validJwt(ims, credential)));
        byte[] request = ascii("POST /ims/exchange/jwt HTTP/1.1\r\nHost: 127.0.0.1:" + ims.port()
                + "\r\nContent-Type: " + FORM + "\r\nContent-Length: 20\r\nConnection: close\r\n\r\n" + form);

        AttackKit.RawResponse response = AttackKit.raw(ims, request, Duration.ofSeconds(5));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo(ImsErrorAssertions.JSON);
        assertThat(response.bodyText()).contains("\"error\":\"invalid_request\"");
    }

    // --- helpers --------------------------------------------------------------------------------------

    /** A valid exchange form, padded with a junk parameter to exactly {@code size} bytes. */
    private static byte[] paddedTo(int size) {
        String form = formBody(params(credential, validJwt(ims, credential))) + "&padding=";
        assertThat(form.length()).isLessThan(size);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(ascii(form), 0, body, 0, form.length());
        return body;
    }

    private static byte[] multipart(String boundary, boolean closed) {
        StringBuilder body = new StringBuilder();
        params(credential, validJwt(ims, credential)).forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        if (closed) {
            body.append("--").append(boundary).append("--\r\n");
        }
        return ascii(body.toString());
    }

    /** True when the fake has neither answered nor closed this connection: a read finds nothing yet. */
    private static boolean stillWaiting(Socket socket) throws IOException {
        socket.setSoTimeout(1);
        try {
            socket.getInputStream().read(); // an answer's first byte, or the end of a closed connection
            return false;
        } catch (SocketTimeoutException nothingYet) {
            return true;
        }
    }
}

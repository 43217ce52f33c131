package io.github.fakeims.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.github.fakeims.server.internal.http.FormBodyParser.MalformedBodyException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How request parameters are read from query strings and urlencoded or multipart bodies. */
class FormBodyParserTest {

    private static final Optional<String> URLENCODED = Optional.of("application/x-www-form-urlencoded");

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static FormParams urlencodedBody(String body) throws MalformedBodyException {
        return FormBodyParser.parse(null, URLENCODED, utf8(body));
    }

    // --- application/x-www-form-urlencoded ---------------------------------------------------

    @Test
    void decodesPlusAsSpaceAndPercentEscapes() throws Exception {
        FormParams params = urlencodedBody("greeting=hello+world&path=%2Fims%2Fexchange%3Fa%3Db&sign=%2B");

        assertThat(params.get("greeting")).contains("hello world");
        assertThat(params.get("path")).contains("/ims/exchange?a=b");
        assertThat(params.get("sign")).contains("+");
    }

    @Test
    void decodesPercentEncodedUtf8MultibyteCharacters() throws Exception {
        FormParams params = urlencodedBody("name=J%C3%BCrgen+%E2%82%AC+%F0%9F%98%80");

        assertThat(params.get("name")).contains("Jürgen € 😀");
    }

    @Test
    void decodesUnencodedUtf8BytesInTheBody() throws Exception {
        FormParams params = urlencodedBody("name=Jürgen€");

        assertThat(params.get("name")).contains("Jürgen€");
        assertThat(params.matches("name", "Jürgen€")).isTrue();
    }

    @Test
    void keepsAStrayPercentSignLiterallyInsteadOfFailing() throws Exception {
        FormParams params = urlencodedBody("a=100%&b=%zz&c=%4&d=50%25+off&e=%%41");

        assertThat(params.get("a")).contains("100%");
        assertThat(params.get("b")).contains("%zz");
        assertThat(params.get("c")).contains("%4");
        assertThat(params.get("d")).contains("50% off");
        assertThat(params.get("e")).contains("%A");
    }

    @Test
    void keepsTheRawFormOfAValueThatWasNeverUrlEncoded() throws Exception {
        FormParams params = urlencodedBody("client_id=abc&client_secret=p8e-a+b/c=d");

        assertThat(params.get("client_secret")).contains("p8e-a b/c=d");
        assertThat(params.matches("client_secret", "p8e-a+b/c=d")).isTrue();
        assertThat(params.matches("client_secret", "p8e-a b/c=d")).isTrue();
        assertThat(params.matches("client_secret", "p8e-a+b/c")).isFalse();
        assertThat(params.asMap().get("client_secret")).isEqualTo(new FormParams.Value("p8e-a b/c=d", "p8e-a+b/c=d"));
    }

    @Test
    void splitsNameAndValueAtTheFirstEqualsSign() throws Exception {
        FormParams params = urlencodedBody("jwt_token=a.b.c==&flag&empty=");

        assertThat(params.get("jwt_token")).contains("a.b.c==");
        assertThat(params.names()).contains("flag", "empty");
        assertThat(params.get("flag")).isEmpty();
        assertThat(params.get("empty")).isEmpty();
    }

    @Test
    void letsTheBodyWinOverTheQueryAndTheQueryFillWhatTheBodyLacks() throws Exception {
        FormParams params = FormBodyParser.parse("client_id=from-query&scope=openid", URLENCODED,
                utf8("client_id=from-body&client_secret=s"));

        assertThat(params.get("client_id")).contains("from-body");
        assertThat(params.get("scope")).contains("openid");
        assertThat(params.get("client_secret")).contains("s");
    }

    @Test
    void readsOnlyTheQueryWhenTheBodyIsEmpty() throws Exception {
        FormParams params = FormBodyParser.parse("client_id=q+1&x=%C3%A9", Optional.of("application/json"), new byte[0]);

        assertThat(params.get("client_id")).contains("q 1");
        assertThat(params.get("x")).contains("é");
        assertThat(params.names()).containsExactlyInAnyOrder("client_id", "x");
    }

    @Test
    void readsNothingWhenThereIsNeitherQueryNorBody() throws Exception {
        FormParams params = FormBodyParser.parse(null, Optional.empty(), new byte[0]);

        assertThat(params.names()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded; charset=UTF-8",
            "application/x-www-form-urlencoded;charset=utf-8", "Application/X-WWW-Form-Urlencoded"})
    void acceptsTheUrlencodedContentTypeWithACharsetOrInAnyCase(String contentType) throws Exception {
        FormParams params = FormBodyParser.parse(null, Optional.of(contentType), utf8("a=%C3%A9&b=x+y"));

        assertThat(params.get("a")).contains("é");
        assertThat(params.get("b")).contains("x y");
    }

    @Test
    void readsABodyWithoutContentTypeAsUrlencoded() throws Exception {
        FormParams params = FormBodyParser.parse(null, Optional.empty(), utf8("a=b+c"));

        assertThat(params.get("a")).contains("b c");
    }

    @Test
    void doesNotThrowOnInvalidUtf8Bytes() throws Exception {
        byte[] body = {'a', '=', (byte) 0xFF, (byte) 0xC3, '&', 'b', '=', '%', 'F', 'F', '&', 'c', '=', 'o', 'k'};

        FormParams params = FormBodyParser.parse("q=%C3%28", URLENCODED, body);

        assertThat(params.get("a")).isPresent();
        assertThat(params.get("b")).isPresent();
        assertThat(params.get("q")).isPresent();
        assertThat(params.get("c")).contains("ok");
    }

    @Test
    void rejectsAContentTypeOtherThanAFormAsAMalformedBody() {
        assertThatThrownBy(() -> FormBodyParser.parse(null, Optional.of("application/json"), utf8("{\"client_id\":\"x\"}")))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("application/json");
    }

    // --- multipart/form-data -----------------------------------------------------------------

    private static String multipart(String boundary, String lineBreak, String... namesAndValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.append("--").append(boundary).append(lineBreak)
                    .append("Content-Disposition: form-data; name=\"").append(namesAndValues[i]).append('"').append(lineBreak)
                    .append(lineBreak)
                    .append(namesAndValues[i + 1]).append(lineBreak);
        }
        return body.append("--").append(boundary).append("--").append(lineBreak).toString();
    }

    @Test
    void readsMultipartWithAnUnquotedBoundaryAndCrlfLineBreaks() throws Exception {
        String body = multipart("----WebKitFormBoundary7MA4YWxk", "\r\n",
                "client_id", "abc", "client_secret", "p8e-a+b/c=d", "jwt_token", "x.y.z");

        FormParams params = FormBodyParser.parse(null,
                Optional.of("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk"), utf8(body));

        assertThat(params.get("client_id")).contains("abc");
        assertThat(params.get("client_secret")).contains("p8e-a+b/c=d");
        assertThat(params.matches("client_secret", "p8e-a+b/c=d")).isTrue();
        assertThat(params.get("jwt_token")).contains("x.y.z");
        assertThat(params.names()).containsExactlyInAnyOrder("client_id", "client_secret", "jwt_token");
    }

    @Test
    void readsMultipartWithAQuotedBoundaryAndLfLineBreaks() throws Exception {
        String body = multipart("b0und;ary x", "\n", "client_id", "abc", "scope", "openid,AdobeID");

        FormParams params = FormBodyParser.parse(null,
                Optional.of("multipart/form-data; boundary=\"b0und;ary x\"; charset=UTF-8"), utf8(body));

        assertThat(params.get("client_id")).contains("abc");
        assertThat(params.get("scope")).contains("openid,AdobeID");
    }

    @Test
    void readsUtf8ValuesAndMultiLineValuesInMultipart() throws Exception {
        String body = multipart("xyz", "\r\n", "name", "Jürgen € 😀", "text", "line1\r\nline2");

        FormParams params = FormBodyParser.parse(null, Optional.of("multipart/form-data; boundary=xyz"), utf8(body));

        assertThat(params.get("name")).contains("Jürgen € 😀");
        assertThat(params.get("text")).contains("line1\r\nline2");
    }

    @Test
    void mergesMultipartWithTheQueryLettingTheBodyWin() throws Exception {
        String body = multipart("xyz", "\r\n", "client_id", "from-body");

        FormParams params = FormBodyParser.parse("client_id=from-query&grant_type=client_credentials",
                Optional.of("multipart/form-data; boundary=xyz"), utf8(body));

        assertThat(params.get("client_id")).contains("from-body");
        assertThat(params.get("grant_type")).contains("client_credentials");
    }

    @Test
    void rejectsMultipartWithoutABoundaryParameter() {
        String body = multipart("xyz", "\r\n", "client_id", "abc");

        assertThatThrownBy(() -> FormBodyParser.parse(null, Optional.of("multipart/form-data"), utf8(body)))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("boundary");
    }

    @Test
    void rejectsMultipartWhoseBodyLacksTheBoundary() {
        String body = multipart("xyz", "\r\n", "client_id", "abc");

        assertThatThrownBy(() -> FormBodyParser.parse(null, Optional.of("multipart/form-data; boundary=other"), utf8(body)))
                .isInstanceOf(MalformedBodyException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue without closing boundary",
            "--xyz\r\nContent-Disposition: form-data; name=\"a\"",
            "--xyz\r\n",
            "--xyz",
            "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--xyz\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n"})
    void rejectsATruncatedMultipartBodyAsMalformed(String body) {
        assertThatThrownBy(() -> FormBodyParser.parse(null, Optional.of("multipart/form-data; boundary=xyz"), utf8(body)))
                .isInstanceOf(MalformedBodyException.class);
    }

    // --- garbage -----------------------------------------------------------------------------

    private static final String[] CONTENT_TYPES = {
            "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
            "multipart/form-data; boundary=ab", "multipart/form-data; boundary=\"ab\"", "multipart/form-data",
            "application/json", "", ";", "multipart/form-data; boundary=", "text/plain; boundary=ab"};

    /** Bytes biased towards characters the parsers care about, so the garbage reaches deep branches. */
    private static byte[] garbage(Random random) {
        byte[] interesting = "--ab\r\n%=&+\"; name=Content-Disposition: form-data".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[random.nextInt(200)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt(256);
        }
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 20240611L, -7L})
    void neverThrowsAnythingButMalformedBodyExceptionOnRandomGarbage(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            byte[] body = garbage(random);
            String query = random.nextBoolean() ? null : new String(garbage(random), StandardCharsets.ISO_8859_1);
            String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            try {
                FormParams params = FormBodyParser.parse(query, Optional.of(contentType), body);
                assertThat(params).isNotNull();
            } catch (MalformedBodyException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                fail("seed " + seed + ", input " + i + " (" + contentType + "): " + e, e);
            }
        }
    }

    @Test
    void neverThrowsOnRandomUrlencodedText() {
        Random random = new Random(99);
        for (int i = 0; i < 1000; i++) {
            String text = new String(garbage(random), StandardCharsets.ISO_8859_1);
            assertThatCode(() -> FormBodyParser.parseUrlEncoded(text)).doesNotThrowAnyException();
        }
    }
}

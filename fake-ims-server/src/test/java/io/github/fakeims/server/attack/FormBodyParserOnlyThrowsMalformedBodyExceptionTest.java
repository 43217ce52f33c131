package io.github.fakeims.server.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.internal.http.FormBodyParser.MalformedBodyException;
import io.github.fakeims.server.internal.http.FormBodyParser;
import io.github.fakeims.server.internal.http.FormParams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Family 4a: {@link FormBodyParser#parse} on arbitrary bytes, mutated valid bodies and arbitrary
 * content types and query strings either returns parameters or throws its
 * {@link MalformedBodyException} with a message: nothing else, ever (a RuntimeException there is a 500).
 */
class FormBodyParserOnlyThrowsMalformedBodyExceptionTest {

    private static final String VALID_FORM = "client_id=abc&client_secret=p8e-a+b/c=d&jwt_token=eyJhbGciOiJSUzI1NiJ9.e30.c2ln"
            + "&scope=openid%2CAdobeID&x=%E2%82%AC";
    private static final String BOUNDARY = "----fake-ims-7MA4YWxkTrZu0gW";
    private static final String VALID_MULTIPART = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"client_id\"\r\n\r\n"
            + "abc\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"jwt_token\"\r\nContent-Type: text/plain\r\n\r\n"
            + "eyJ.e30.c2ln\r\n--" + BOUNDARY + "\nContent-Disposition: form-data; name=scope\n\nopenid\n--" + BOUNDARY + "--\r\n";
    /** Pieces that steer mutations towards the parser's decisions. */
    private static final List<String> TOKENS = List.of("--", "\r\n", "\n", "\n\n", "\r\n\r\n", "--" + BOUNDARY, "--" + BOUNDARY + "--",
            "Content-Disposition: form-data; name=", "name=\"", "\"", ";", "%", "%G", "%%", "%0", "&", "=", "+", "\u0000", "\u00ff",
            "\u00c3", "\u00e2\u0082", "boundary=");

    @Property(tries = 1000)
    void eitherParsesOrThrowsMalformedBodyException(@ForAll("queries") String query,
                                                    @ForAll("contentTypes") Optional<String> contentType,
                                                    @ForAll("bodies") byte[] body) {
        try {
            FormParams params = FormBodyParser.parse(query, contentType, body);
            assertThat(params.names()).doesNotContainNull();
            params.names().forEach(name -> assertThat(params.asMap().get(name)).isNotNull());
        } catch (MalformedBodyException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void neverRefusesAnUrlencodedBodyOrAQueryString(@ForAll("queries") String query, @ForAll("bodies") byte[] body)
            throws MalformedBodyException {
        FormParams params = FormBodyParser.parse(query, Optional.of("application/x-www-form-urlencoded; charset=UTF-8"), body);

        assertThat(params).isNotNull();
    }

    @Property(tries = 500)
    void neverRefusesAWellFormedMultipartBodyWhateverItsValues(@ForAll("values") String first, @ForAll("values") String second)
            throws MalformedBodyException {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + first + "\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n" + second + "\r\n--" + BOUNDARY + "--\r\n";
        if (first.contains("--" + BOUNDARY) || second.contains("--" + BOUNDARY)) {
            return;
        }

        FormParams params = FormBodyParser.parse(null, Optional.of("multipart/form-data; boundary=" + BOUNDARY),
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(params.asMap().get("a").decoded()).isEqualTo(first);
        assertThat(params.asMap().get("b").decoded()).isEqualTo(second);
    }

    @Provide
    Arbitrary<String> queries() {
        return Arbitraries.oneOf(
                Arbitraries.just((String) null),
                Arbitraries.strings().withChars("abc=&%+G01_\u00e9").ofMaxLength(60),
                Arbitraries.strings().ofMaxLength(60).map(text -> text.replaceAll("[\\ud800-\\udfff]", "")),
                Arbitraries.of(TOKENS).list().ofMaxSize(8).map(parts -> String.join("", parts)));
    }

    @Provide
    Arbitrary<Optional<String>> contentTypes() {
        Arbitrary<String> known = Arbitraries.of(
                "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
                "APPLICATION/X-WWW-FORM-URLENCODED", "multipart/form-data", "multipart/form-data; boundary=" + BOUNDARY,
                "multipart/form-data; boundary=\"" + BOUNDARY + "\"", "multipart/form-data;boundary=" + BOUNDARY + ";charset=x",
                "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=-",
                "multipart/form-data; boundary=--", "MULTIPART/FORM-DATA; BOUNDARY=" + BOUNDARY, "text/plain", "application/json",
                "", ";", " ; ; ", "multipart/mixed; boundary=" + BOUNDARY);
        Arbitrary<String> random = Arbitraries.strings().ofMaxLength(80).map(text -> text.replaceAll("[\\ud800-\\udfff]", ""));
        Arbitrary<String> multipartWithRandomBoundary = Arbitraries.strings().withChars("-_a\"; =\\").ofMinLength(0).ofMaxLength(12)
                .map(boundary -> "multipart/form-data; boundary=" + boundary);
        return Arbitraries.frequencyOf(
                Tuple.of(6, known),
                Tuple.of(2, multipartWithRandomBoundary),
                Tuple.of(1, random)
        ).optional(0.9);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        return Arbitraries.frequencyOf(
                Tuple.of(2, random),
                Tuple.of(3, mutated(VALID_FORM)),
                Tuple.of(5, mutated(VALID_MULTIPART)));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(text -> text.replaceAll("[\\ud800-\\udfff]", "")),
                Arbitraries.of(TOKENS).list().ofMaxSize(5).map(parts -> String.join("", parts)));
    }

    /** A valid body (as ISO-8859-1 bytes, one char per byte) under 1 to 6 byte-level edits, some with parser-relevant tokens. */
    private static Arbitrary<byte[]> mutated(String valid) {
        Arbitrary<Character> bytes = Arbitraries.chars().range('\u0000', '\u00ff');
        Arbitrary<Mutations.Edit> byteEdits = Mutations.edits(bytes);
        Arbitrary<Mutations.Edit> tokenInserts = Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.of(TOKENS))
                .as((at, token) -> new Mutations.Edit(Mutations.Kind.INSERT, at, 0, token));
        return Arbitraries.oneOf(byteEdits, tokenInserts).list().ofMinSize(1).ofMaxSize(6)
                .map(edits -> Mutations.apply(valid, edits).getBytes(StandardCharsets.ISO_8859_1));
    }
}

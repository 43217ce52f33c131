package io.github.fakeims.server.attack;

import io.github.fakeims.server.ImsHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random requests to the form endpoints. Each starts from the parameters the endpoint needs (real client
 * ids, secrets, JWTs and access tokens, so the handlers' deeper checks are reached), then each parameter
 * is kept, dropped, given another known value or random text (controls, line breaks, non-ASCII, escapes),
 * extra parameters are added, and the whole is sent urlencoded, raw (not encoded), as multipart, in the
 * query string, or split between query and body.
 */
final class RandomForms {

    /** Each endpoint and the parameters a valid call of it sends. */
    static final Map<String, List<String>> ENDPOINTS = Map.of(
            "/ims/exchange/jwt", List.of("client_id", "client_secret", "jwt_token"),
            "/ims/token/v3", List.of("grant_type", "client_id", "client_secret", "scope"),
            "/ims/validate_token/v1", List.of("type", "client_id", "token"),
            "/ims/invalidate_token/v2", List.of("token_type", "token", "client_id", "client_secret"),
            "/ims/revoke", List.of("token", "client_id"));

    private static final List<String> NAMES = List.of("client_id", "client_secret", "jwt_token", "grant_type", "scope", "token",
            "type", "org_id", "token_type", "cascading", " client_id", "client_id[]", "CLIENT_ID", "jwt_token ", "");
    private static final List<String> SPECIAL_VALUES = List.of("client_credentials", "authorization_code", "refresh_token",
            "openid,AdobeID", "openid AdobeID read_organizations", "access_token", "true", "", " ", "%", "%%", "%G1", "+", "&",
            "=", "a=b&c", "\u0000", "\r\n", "\n", "\r\n X-Injected: 1");

    private RandomForms() {
    }

    enum Encoding { URLENCODED, RAW, MULTIPART, QUERY, SPLIT }

    enum Fate { KEEP, DROP, OTHER_KNOWN, RANDOM_TEXT, SPECIAL, APPEND_TEXT }

    record Param(String name, String value) {
    }

    record ParamEdit(Fate fate, String text, int pick) {
    }

    record Request(String path, Encoding encoding, List<Param> params) {

        HttpResponse<String> send(URI base, Duration timeout) {
            List<Param> inQuery = new ArrayList<>();
            List<Param> inBody = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                boolean query = encoding == Encoding.QUERY || (encoding == Encoding.SPLIT && i % 2 == 0);
                (query ? inQuery : inBody).add(params.get(i));
            }
            URI url = URI.create(base + path + (inQuery.isEmpty() ? "" : "?" + encoded(inQuery)));
            if (encoding == Encoding.MULTIPART) {
                String boundary = "rnd-b0undary-" + Integer.toHexString(params.hashCode());
                StringBuilder body = new StringBuilder();
                inBody.forEach(p -> body.append("--").append(boundary).append("\r\n")
                        .append("Content-Disposition: form-data; name=\"").append(p.name().replace("\"", "")).append("\"\r\n\r\n")
                        .append(p.value()).append("\r\n"));
                body.append("--").append(boundary).append("--\r\n");
                return AttackKit.post(url, "multipart/form-data; boundary=" + boundary,
                        body.toString().getBytes(StandardCharsets.UTF_8), timeout);
            }
            String body = encoding == Encoding.RAW ? raw(inBody) : encoded(inBody);
            return AttackKit.post(url, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8), timeout);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("POST " + path + " (" + encoding + ")");
            params.forEach(p -> text.append("\n    ").append(Mutations.visible(p.name())).append(" = ")
                    .append(Mutations.visible(p.value().length() > 120 ? p.value().substring(0, 120) + "..." : p.value())));
            return text.toString();
        }
    }

    /**
     * Requests built on {@code known}: values per parameter name; {@code client_id} and {@code client_secret}
     * lists are aligned (the same index is the same credential) and a request mostly uses one credential.
     */
    static Arbitrary<Request> requests(Map<String, List<String>> known) {
        Arbitrary<ParamEdit> edit = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(Fate.KEEP)), Tuple.of(2, Arbitraries.just(Fate.DROP)),
                        Tuple.of(2, Arbitraries.just(Fate.OTHER_KNOWN)), Tuple.of(2, Arbitraries.just(Fate.RANDOM_TEXT)),
                        Tuple.of(1, Arbitraries.just(Fate.SPECIAL)), Tuple.of(1, Arbitraries.just(Fate.APPEND_TEXT))),
                text(), Arbitraries.integers().between(0, 1000)).as(ParamEdit::new);
        Arbitrary<Param> extra = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(NAMES)), Tuple.of(1, text())),
                Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(SPECIAL_VALUES)), Tuple.of(3, text()),
                        Tuple.of(2, Arbitraries.of(known.values().stream().flatMap(List::stream).toList())))).as(Param::new);
        return Combinators.combine(
                Arbitraries.of(List.copyOf(ENDPOINTS.keySet())),
                Arbitraries.of(Encoding.class),
                Arbitraries.integers().between(0, 1000),
                edit.list().ofSize(4),
                extra.list().ofMaxSize(3),
                Arbitraries.integers().between(0, 3)
        ).as((path, encoding, who, edits, extras, extrasAt) -> {
            List<Param> params = new ArrayList<>();
            List<String> names = ENDPOINTS.get(path);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                String value = knownValue(known, name, who);
                ParamEdit change = edits.get(i);
                switch (change.fate()) {
                    case KEEP -> params.add(new Param(name, value));
                    case DROP -> { }
                    case OTHER_KNOWN -> params.add(new Param(name, knownValue(known, name, change.pick())));
                    case RANDOM_TEXT -> params.add(new Param(name, change.text()));
                    case SPECIAL -> params.add(new Param(name, SPECIAL_VALUES.get(change.pick() % SPECIAL_VALUES.size())));
                    case APPEND_TEXT -> params.add(new Param(name, value + change.text()));
                }
            }
            params.addAll(Math.min(extrasAt, params.size()), extras);
            return new Request(path, encoding, params);
        });
    }

    private static String knownValue(Map<String, List<String>> known, String name, int index) {
        List<String> values = known.get(name);
        if (values != null) {
            return values.get(index % values.size());
        }
        return switch (name) {
            case "grant_type" -> "client_credentials";
            case "scope" -> "openid,AdobeID";
            case "type", "token_type" -> "access_token";
            default -> "x";
        };
    }

    /** Random text: printable ASCII, escapes, controls, line breaks and non-ASCII (no lone surrogates). */
    static Arbitrary<String> text() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.chars().range(' ', '~')),
                Tuple.of(2, Arbitraries.of(Mutations.toChars("\u0000\u0001\t\n\r\u007f%&=+;\"\u00e9\u00ff\u20ac\ufeff\u2028"))),
                Tuple.of(1, Arbitraries.chars().range('\u0080', '\ud7ff')));
        return chars.list().ofMaxSize(40).map(list -> {
            StringBuilder text = new StringBuilder();
            list.forEach(text::append);
            return text.toString();
        });
    }

    private static String encoded(List<Param> params) {
        StringBuilder text = new StringBuilder();
        params.forEach(p -> text.append(text.length() == 0 ? "" : "&").append(ImsHttp.encode(p.name())).append('=')
                .append(ImsHttp.encode(p.value())));
        return text.toString();
    }

    private static String raw(List<Param> params) {
        StringBuilder text = new StringBuilder();
        params.forEach(p -> text.append(text.length() == 0 ? "" : "&").append(p.name()).append('=').append(p.value()));
        return text.toString();
    }
}

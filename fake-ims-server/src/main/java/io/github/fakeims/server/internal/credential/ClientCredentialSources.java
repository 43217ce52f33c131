package io.github.fakeims.server.internal.credential;

import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.http.FormParams;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where IMS reads the client from besides the form: {@code Authorization: Basic base64(id:secret)}
 * ({@code client_secret_basic}, Spring Security's default and what the discovery document advertises)
 * and the {@code X-IMS-ClientId} header (ims-go sends it). Folded into the parameters once, at the
 * front door, so every endpoint, the journal and client-scoped faults see the same {@code client_id};
 * values that disagree are a 400.
 */
public final class ClientCredentialSources {

    public static final String CLIENT_ID_HEADER = "X-IMS-ClientId";

    private ClientCredentialSources() {
    }

    public static FormParams merge(FormParams params, Map<String, List<String>> headers) throws ImsRejection {
        FormParams merged = params;
        Optional<String> authorization = header(headers, "Authorization")
                .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6));
        if (authorization.isPresent()) {
            FormParams.Value[] basic = decodeBasic(authorization.get().substring(6).trim());
            merged = put(merged, "client_id", basic[0], "the Authorization: Basic header");
            merged = put(merged, "client_secret", basic[1], "the Authorization: Basic header");
        }
        Optional<String> headerClientId = header(headers, CLIENT_ID_HEADER).map(String::trim).filter(id -> !id.isEmpty());
        if (headerClientId.isPresent()) {
            merged = put(merged, "client_id", new FormParams.Value(headerClientId.get(), headerClientId.get()),
                    "the " + CLIENT_ID_HEADER + " header");
        }
        return merged;
    }

    /** Sets a parameter from a header, unless the request already names another value for it. */
    private static FormParams put(FormParams params, String name, FormParams.Value value, String source) throws ImsRejection {
        Optional<FormParams.Value> present = params.value(name).filter(sent -> !sent.decoded().isBlank());
        if (present.isEmpty()) {
            return params.with(name, value);
        }
        FormParams.Value sent = present.get();
        boolean same = sent.decoded().equals(value.decoded()) || sent.raw().equals(value.raw())
                || sent.decoded().equals(value.raw()) || sent.raw().equals(value.decoded());
        if (!same) {
            throw new ImsRejection(ImsError.badRequest(source + " and the " + name + " parameter name different "
                    + (name.equals("client_id") ? "clients (" + value.decoded() + " vs " + sent.decoded() + ")" : "secrets")
                    + "; send the client credentials one way, or the same in both"));
        }
        return params;
    }

    /**
     * {@code id:secret}, each form-urlencoded first as RFC 6749 §2.3.1 says (Spring Security does);
     * both the decoded and the raw text are kept, as for form values, since some clients do not encode.
     */
    private static FormParams.Value[] decodeBasic(String encoded) throws ImsRejection {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ImsRejection(ImsError.badRequest("the Authorization: Basic header is not valid base64"));
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new ImsRejection(ImsError.badRequest("the Authorization: Basic header does not hold client_id:client_secret"));
        }
        String id = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        return new FormParams.Value[] {value(id), value(secret)};
    }

    private static FormParams.Value value(String raw) {
        try {
            return new FormParams.Value(URLDecoder.decode(raw, StandardCharsets.UTF_8), raw);
        } catch (IllegalArgumentException e) {
            return new FormParams.Value(raw, raw);
        }
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty())
                .map(header -> header.getValue().get(0))
                .findFirst();
    }
}

package io.github.fakeims.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.internal.config.ConfigJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The admin API as a non-JVM user sees it: raw HTTP with JSON text, any method, any
 * {@code Authorization} header. Plus a snapshot of the control plane's state, read through the Java API,
 * to show that a refused request changed nothing.
 */
final class AdminWire {

    private AdminWire() {
    }

    /** One admin request; {@code authorization} is the whole header value, or null for none. */
    static HttpResponse<String> send(URI base, String method, String pathAndQuery, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!body.isEmpty() || List.of("POST", "PUT", "PATCH").contains(method)) {
            // admin writes must say JSON (or PEM): a content type a web page cannot send without asking first
            request.header("Content-Type", body.startsWith("-----") ? "application/x-pem-file" : "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return ImsHttp.send(request.build());
    }

    static HttpResponse<String> send(URI base, String method, String pathAndQuery, String body) {
        return send(base, method, pathAndQuery, body, null);
    }

    /** A JSON string literal. */
    static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    static String pem(X509Certificate certificate) {
        return X509CertUtils.toPEMString(certificate);
    }

    /** The SHA-256 fingerprint the admin API names certificates by, as lower-case hex. */
    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A credential in the wire (config file) format, written by hand, certificates as inline PEM. */
    static String credentialJson(Credential credential) {
        return "{\"clientId\":" + quoted(credential.clientId())
                + ",\"clientSecret\":" + quoted(credential.clientSecret())
                + ",\"orgId\":" + quoted(credential.orgId())
                + ",\"technicalAccountId\":" + quoted(credential.technicalAccountId())
                + ",\"metascopes\":" + strings(credential.metascopes())
                + ",\"scopes\":" + strings(credential.scopes())
                + ",\"certificates\":" + strings(credential.certificates().stream().map(AdminWire::pem).toList())
                + "}";
    }

    private static String strings(java.util.Collection<String> values) {
        return values.stream().map(AdminWire::quoted).collect(Collectors.joining(",", "[", "]"));
    }

    static Map<String, Object> object(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("not a JSON object (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    static List<Object> array(HttpResponse<String> response) {
        try {
            return JSONArrayUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("not a JSON array (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** The methods an {@code Allow} header lists. */
    static Set<String> allowed(HttpResponse<String> response) {
        return response.headers().allValues("Allow").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(method -> !method.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static String describe(String method, String pathAndQuery, String body, HttpResponse<String> response) {
        String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
        return method + " " + pathAndQuery + (shown.isEmpty() ? "" : " " + shown) + "\n  -> " + response.statusCode() + " "
                + response.headers().firstValue("X-Fake-Ims-Reason").orElse("") + " " + response.body();
    }

    /** An admin error: IMS's {@code error} and {@code error_description} plus the fake's {@code reason}, in body and header. */
    static Map<String, Object> assertAdminError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("x-debug-id")).as("x-debug-id").hasValueSatisfying(id -> assertThat(id).isNotBlank());
        Map<String, Object> json = object(response);
        assertThat(json).containsEntry("error", error).containsKeys("error_description", "reason");
        assertThat((String) json.get("error_description")).isNotBlank();
        assertThat((String) json.get("reason")).isNotBlank();
        String reason = (String) json.get("reason");
        if (reason.chars().allMatch(c -> c < 0x80)) {
            // (A non-ASCII reason does not survive the trip through the header: see AdminApiBadInputTest.)
            assertThat(response.headers().firstValue("X-Fake-Ims-Reason")).contains(reason);
        } else {
            assertThat(response.headers().firstValue("X-Fake-Ims-Reason")).hasValueSatisfying(header -> assertThat(header).isNotBlank());
        }
        return json;
    }

    /** What the control plane holds, read through the Java API: equal snapshots mean nothing changed. */
    record ControlState(List<Map<String, Object>> credentials, List<Fault> faults, Instant now, boolean clockFixed,
                        List<String> tokenIds, List<Long> journalSequences) {

        static ControlState of(FakeImsServer ims) {
            return new ControlState(ims.credentials().stream().map(ConfigJson::toJson).toList(), ims.faults().pending(),
                    ims.clock().now(), ims.clock().isFixed(),
                    ims.issuedTokens().list().stream().map(token -> token.id()).toList(),
                    ims.journal().entries().stream().map(entry -> entry.sequence()).toList());
        }
    }
}

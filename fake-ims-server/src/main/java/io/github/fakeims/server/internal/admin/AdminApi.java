package io.github.fakeims.server.internal.admin;

import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import io.github.fakeims.server.internal.Certificates;
import io.github.fakeims.server.internal.ConfigJson;
import io.github.fakeims.server.internal.ImsError;
import io.github.fakeims.server.internal.ImsRejection;
import io.github.fakeims.server.internal.JsonValues;
import io.github.fakeims.server.internal.Router;
import io.github.fakeims.server.internal.http.FormBodyParser;
import io.github.fakeims.server.internal.http.ImsResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin HTTP API under {@code /fake-ims/}: the Java control plane ({@link FakeIms}) over HTTP, JSON
 * in and out. Bad input is a 400 naming the field, and changes nothing.
 */
public final class AdminApi {

    /** One long-poll waits at most this long; clients ask again for longer waits. */
    static final Duration MAX_TAKE_WAIT = Duration.ofSeconds(30);

    private final FakeIms ims;
    private final boolean enabled;
    private final Optional<byte[]> token;

    public AdminApi(FakeIms ims, boolean enabled, Optional<String> token) {
        this.ims = ims;
        this.enabled = enabled;
        this.token = token.map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    public ImsResponse handle(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body)
            throws ImsRejection {
        String[] segments = segments(path);
        if (segments.length == 1 && segments[0].equals("health")) {
            requireMethod("GET", method, path);
            return ImsResponse.json(200, Map.of("status", "UP"));
        }
        if (!enabled) {
            throw new ImsRejection(new ImsError(404, "not_found", "The requested resource does not exist.",
                    "the admin API is off (adminApi=false); only /fake-ims/health answers"));
        }
        authorize(headers);
        Map<String, String> query = query(rawQuery);
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            return route(method.toUpperCase(Locale.ROOT), path, segments, query, text);
        } catch (NoSuchElementException e) {
            throw new ImsRejection(new ImsError(404, "not_found", "The requested resource does not exist.", e.getMessage()));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            // ArithmeticException / DateTimeException: a number past what time arithmetic holds, still bad input
            throw new ImsRejection(ImsError.badRequest(e.getMessage()));
        }
    }

    private ImsResponse route(String method, String path, String[] segments, Map<String, String> query, String body)
            throws ImsRejection {
        String first = segments.length > 0 ? segments[0] : "";
        switch (first + "/" + segments.length) {
            case "credentials/1":
                if (method.equals("GET")) {
                    noParameters(query);
                    return ImsResponse.json(200, ims.credentials().stream().map(ConfigJson::toJson).toList());
                }
                requireMethod("GET, POST", method, path);
                Credential credential = ConfigJson.parseCredential(body);
                ims.register(credential);
                return ImsResponse.json(201, ConfigJson.toJson(credential));
            case "credentials/2":
                return credential(method, path, segments[1], body);
            case "credentials/3":
                if (segments[2].equals("certificates")) {
                    requireMethod("POST", method, path);
                    return credentialJson(ims.addCertificate(segments[1], certificate(body)));
                }
                if (segments[2].equals("convert-to-oauth")) {
                    requireMethod("POST", method, path);
                    return credentialJson(ims.convertToOAuthServerToServer(segments[1]));
                }
                break;
            case "credentials/4":
                if (segments[2].equals("certificates")) {
                    requireMethod("DELETE", method, path);
                    return credentialJson(ims.removeCertificate(segments[1], certificateOf(segments[1], segments[3])));
                }
                break;
            case "journal/1":
                if (method.equals("DELETE")) {
                    ims.journal().clear();
                    return ImsResponse.empty(204);
                }
                requireMethod("GET, DELETE", method, path);
                JournalFilter filter = AdminJson.filter(query, Set.of());
                Map<String, Object> journal = new LinkedHashMap<>();
                journal.put("entries", ims.journal().entries(filter).stream().map(AdminJson::entry).toList());
                journal.put("droppedCount", ims.journal().droppedCount());
                return ImsResponse.json(200, journal);
            case "journal/2":
                if (segments[1].equals("take")) {
                    requireMethod("POST", method, path);
                    Duration wait = Duration.ofMillis(AdminJson.number(query.getOrDefault("timeoutMillis", "0"), "timeoutMillis"));
                    Optional<JournalEntry> taken = ims.journal().takeNext(AdminJson.filter(query, Set.of("timeoutMillis")),
                            wait.compareTo(MAX_TAKE_WAIT) > 0 ? MAX_TAKE_WAIT : wait);
                    return taken.map(entry -> ImsResponse.json(200, AdminJson.entry(entry))).orElseGet(() -> ImsResponse.empty(204));
                }
                break;
            case "tokens/1":
                requireMethod("GET", method, path);
                noParameters(query);
                return ImsResponse.json(200, ims.issuedTokens().list().stream().map(AdminJson::token).toList());
            case "tokens/2":
                if (segments[1].equals("find")) {
                    requireMethod("POST", method, path);
                    Map<String, Object> json = AdminJson.object(body, "body", Set.of("token"));
                    String value = field("token", () -> JsonValues.string(json, "token"));
                    return ims.issuedTokens().find(value).map(found -> ImsResponse.json(200, AdminJson.token(found)))
                            .orElseThrow(() -> new NoSuchElementException("the fake did not issue this token (or issued it before its last reset)"));
                }
                break;
            case "faults/1":
                if (method.equals("GET")) {
                    return ImsResponse.json(200, ims.faults().pending().stream().map(AdminJson::fault).toList());
                }
                if (method.equals("DELETE")) {
                    ims.faults().clear();
                    return ImsResponse.empty(204);
                }
                requireMethod("GET, POST, DELETE", method, path);
                ims.faults().add(AdminJson.fault(AdminJson.object(body, "fault")));
                return ImsResponse.json(201, ims.faults().pending().stream().map(AdminJson::fault).toList());
            case "clock/1":
                requireMethod("GET", method, path);
                return clockJson();
            case "clock/2":
                return clock(method, path, segments[1], body);
            case "verify-jwt/1":
                requireMethod("POST", method, path);
                Map<String, Object> request = AdminJson.object(body, "body", Set.of("clientId", "jwt"));
                String clientId = field("clientId", () -> JsonValues.string(request, "clientId"));
                String jwt = field("jwt", () -> JsonValues.string(request, "jwt"));
                return ImsResponse.json(200, AdminJson.verification(ims.verifyServiceAccountJwt(jwt, clientId)));
            case "reset/1":
                requireMethod("POST", method, path);
                ims.reset();
                return ImsResponse.empty(204);
            default:
                break;
        }
        throw new ImsRejection(new ImsError(404, "not_found", "The requested resource does not exist.",
                method + " " + path + " is not a route of the fake's admin API (see the README's admin API section)"));
    }

    private ImsResponse credential(String method, String path, String clientId, String body) throws ImsRejection {
        switch (method) {
            case "GET":
                return credentialJson(ims.credential(clientId).orElseThrow(() -> noCredential(clientId)));
            case "PUT":
                Credential credential = ConfigJson.parseCredential(body);
                if (!credential.clientId().equals(clientId)) {
                    throw new IllegalArgumentException("credential.clientId: '" + credential.clientId()
                            + "' differs from the client id in the path, '" + clientId + "'");
                }
                ims.register(credential);
                return credentialJson(credential);
            case "DELETE":
                if (!ims.removeCredential(clientId)) {
                    throw noCredential(clientId);
                }
                return ImsResponse.empty(204);
            default:
                throw Router.methodNotAllowed(path, "GET, PUT, DELETE", method);
        }
    }

    private ImsResponse clock(String method, String path, String action, String body) throws ImsRejection {
        if (!Set.of("fix", "advance", "reset").contains(action)) {
            throw new NoSuchElementException("the clock takes POST /fake-ims/clock/fix, /advance or /reset, not /" + action);
        }
        requireMethod("POST", method, path);
        switch (action) {
            case "fix" -> {
                Map<String, Object> json = AdminJson.object(body, "body", Set.of("instant"));
                ims.clock().fixAt(field("instant", () -> AdminJson.instant(json, "instant")));
            }
            case "advance" -> {
                Map<String, Object> json = AdminJson.object(body, "body", AdminJson.DURATION_FIELDS);
                Duration amount = AdminJson.duration(json);
                try {
                    ims.clock().advance(amount);
                } catch (IllegalArgumentException e) {
                    String given = AdminJson.DURATION_FIELDS.stream().filter(json::containsKey).findFirst().orElse("duration");
                    throw new IllegalArgumentException(given + ": " + e.getMessage().replaceFirst("^amount: ", ""), e);
                }
            }
            default -> ims.clock().reset();
        }
        return clockJson();
    }

    private ImsResponse clockJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("now", ims.clock().now().toString());
        json.put("fixed", ims.clock().isFixed());
        return ImsResponse.json(200, json);
    }

    private static ImsResponse credentialJson(Credential credential) {
        return ImsResponse.json(200, ConfigJson.toJson(credential));
    }

    /** A certificate sent as PEM text, or as JSON {@code {"certificate": "<PEM>"}}. */
    private static X509Certificate certificate(String body) {
        String pem = body.trim().startsWith("{")
                ? field("certificate", () -> JsonValues.string(AdminJson.object(body, "body", Set.of("certificate")), "certificate"))
                : body;
        int count = Certificates.pemCertificateCount(pem);
        if (count > 1) {
            throw new IllegalArgumentException("certificate: the body holds " + count + " certificates; add one per request");
        }
        X509Certificate certificate = X509CertUtils.parse(pem);
        if (certificate == null) {
            throw new IllegalArgumentException("certificate: not a PEM-encoded X.509 certificate (-----BEGIN CERTIFICATE-----...)");
        }
        return certificate;
    }

    private X509Certificate certificateOf(String clientId, String fingerprint) {
        Credential credential = ims.credential(clientId).orElseThrow(() -> noCredential(clientId));
        return credential.certificates().stream()
                .filter(candidate -> Certificates.sha256Fingerprint(candidate).equalsIgnoreCase(fingerprint))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("client_id " + clientId + " has no certificate with SHA-256 fingerprint "
                        + fingerprint + "; it has " + credential.certificates().stream().map(Certificates::sha256Fingerprint).toList()));
    }

    private static NoSuchElementException noCredential(String clientId) {
        return new NoSuchElementException("no credential has client_id " + clientId);
    }

    /** Reads one field, putting its name in front of the failure. */
    private static <T> T field(String name, Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private void authorize(Map<String, List<String>> headers) throws ImsRejection {
        if (token.isEmpty()) {
            return;
        }
        Optional<String> authorization = headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Authorization") && !header.getValue().isEmpty())
                .map(header -> header.getValue().get(0))
                .findFirst();
        String reason;
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            reason = "the admin API requires Authorization: Bearer <admin token> (set by adminToken / FAKE_IMS_ADMIN_TOKEN)";
        } else if (!MessageDigest.isEqual(token.get(), authorization.get().substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            reason = "the bearer token is not the admin token";
        } else {
            return;
        }
        throw new ImsRejection(new ImsError(401, "unauthorized", "Authentication is required.", reason),
                Map.of("WWW-Authenticate", "Bearer realm=\"fake-ims-admin\""));
    }

    /** {@code allowed} is one method or a list ({@code "GET, POST"}): the route's other methods are handled before. */
    private static void requireMethod(String allowed, String method, String path) throws ImsRejection {
        if (!List.of(allowed.split(", ")).contains(method.toUpperCase(Locale.ROOT))) {
            throw Router.methodNotAllowed(path, allowed, method);
        }
    }

    private static void noParameters(Map<String, String> query) {
        if (!query.isEmpty()) {
            throw new IllegalArgumentException(query.keySet().iterator().next() + ": unknown parameter; this route takes none");
        }
    }

    private static Map<String, String> query(String rawQuery) throws ImsRejection {
        try {
            Map<String, String> params = new LinkedHashMap<>();
            FormBodyParser.parse(rawQuery, Optional.empty(), new byte[0]).asMap().forEach((name, value) -> params.put(name, value.decoded()));
            return params;
        } catch (FormBodyParser.MalformedBodyException e) {
            throw new ImsRejection(ImsError.badRequest(e.getMessage()));
        }
    }

    private static String[] segments(String path) {
        String rest = path.length() > "/fake-ims/".length() ? path.substring("/fake-ims/".length()) : "";
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest.isEmpty() ? new String[0] : rest.split("/", -1);
    }
}

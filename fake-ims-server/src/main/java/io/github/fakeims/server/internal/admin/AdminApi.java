package io.github.fakeims.server.internal.admin;

import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.CredentialFileFormat;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.GeneratedCredential;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import io.github.fakeims.server.internal.jwt.AcceptedBaseUrls;
import io.github.fakeims.server.internal.core.Certificates;
import io.github.fakeims.server.internal.config.ConfigJson;
import io.github.fakeims.server.internal.control.EngineControl;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.admin.AdminRoute.Access;
import io.github.fakeims.server.internal.core.JsonValues;
import io.github.fakeims.server.internal.handler.Router;
import io.github.fakeims.server.internal.control.SettableClock;
import io.github.fakeims.server.internal.http.FormBodyParser;
import io.github.fakeims.server.internal.http.ImsResponse;
import io.github.fakeims.server.internal.http.RawPath;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
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
public final class AdminApi implements AdminEntryPoint {

    /** One long-poll waits at most this long; clients ask again for longer waits. */
    static final Duration MAX_TAKE_WAIT = Duration.ofSeconds(30);

    /** The header that tells {@link AdminHttp} the admin API is off, so it fails instead of reading the 404 as "none". */
    static final String OFF_HEADER = "X-Fake-Ims-Admin-Api";

    /** The route table: what {@link #routes()} lists is exactly what {@link #handle} serves. */
    private static final List<Entry> TABLE = List.of(
            route("GET", "/fake-ims/health", Access.ALWAYS, AdminApi::health),
            // public like health: a certificate is no secret, and a client needs it before it can trust anything
            route("GET", "/fake-ims/tls/ca.pem", Access.ALWAYS, AdminApi::caCertificate),
            route("GET", "/fake-ims/openapi.json", Access.WITHOUT_TOKEN, AdminApi::openApi),
            // the console's files hold no data (every datum comes from the routes below, with the token)
            route("GET", "/fake-ims/console", Access.WITHOUT_TOKEN, AdminApi::console),
            route("GET", "/fake-ims/console/{file}", Access.WITHOUT_TOKEN, AdminApi::console),
            route("GET", "/fake-ims/credentials", AdminApi::listCredentials),
            route("POST", "/fake-ims/credentials", AdminApi::registerCredential),
            route("POST", "/fake-ims/credentials/generate", AdminApi::generateCredential),
            route("POST", "/fake-ims/credentials/import", AdminApi::importCredentials),
            route("GET", "/fake-ims/credentials/{clientId}", AdminApi::getCredential),
            route("PUT", "/fake-ims/credentials/{clientId}", AdminApi::replaceCredential),
            route("DELETE", "/fake-ims/credentials/{clientId}", AdminApi::removeCredential),
            route("POST", "/fake-ims/credentials/{clientId}/certificates", AdminApi::addCertificate),
            route("GET", "/fake-ims/credentials/{clientId}/export", AdminApi::exportCredential),
            route("DELETE", "/fake-ims/credentials/{clientId}/certificates/{sha256}", AdminApi::removeCertificate),
            route("POST", "/fake-ims/credentials/{clientId}/secrets", AdminApi::addClientSecret),
            route("DELETE", "/fake-ims/credentials/{clientId}/secrets", AdminApi::removeClientSecret),
            route("POST", "/fake-ims/credentials/{clientId}/convert-to-oauth", AdminApi::convertToOAuth),
            route("GET", "/fake-ims/journal", AdminApi::journal),
            route("DELETE", "/fake-ims/journal", AdminApi::clearJournal),
            route("POST", "/fake-ims/journal/take", AdminApi::takeFromJournal),
            route("GET", "/fake-ims/tokens", AdminApi::tokens),
            route("POST", "/fake-ims/tokens/find", AdminApi::findToken),
            route("GET", "/fake-ims/faults", AdminApi::faults),
            route("POST", "/fake-ims/faults", AdminApi::addFault),
            route("DELETE", "/fake-ims/faults", AdminApi::clearFaults),
            route("GET", "/fake-ims/clock", AdminApi::clock),
            route("POST", "/fake-ims/clock/fix", AdminApi::fixClock),
            route("POST", "/fake-ims/clock/advance", AdminApi::advanceClock),
            route("POST", "/fake-ims/clock/reset", AdminApi::resetClock),
            route("POST", "/fake-ims/verify-jwt", AdminApi::verifyJwt),
            route("POST", "/fake-ims/reset", AdminApi::reset));

    /** What one route does, given the admin API it runs on. */
    @FunctionalInterface
    private interface Action {
        ImsResponse run(AdminApi api, Call call) throws ImsRejection;
    }

    /**
     * One matched request: its decoded path, the template's variables, the query parameters, the body text, and
     * the scheme and {@code Host} it came with (where the client reaches the fake: in a container, the mapped port).
     */
    private record Call(String path, Map<String, String> variables, Map<String, String> query, String body,
                        String scheme, Optional<String> host) {
        String variable(String name) {
            return variables.get(name);
        }

        /** The base URL the client addressed. */
        Optional<String> addressedBaseUrl() {
            return host.map(authority -> scheme + "://" + authority);
        }

        /** The {@code host:port} an HTTPS request addressed, when a plain authority. */
        Optional<String> addressedHttps() {
            return scheme.equals("https") ? host.flatMap(authority -> AcceptedBaseUrls.canonical("https://" + authority))
                    .map(URI::create).filter(url -> url.getRawPath().isEmpty()).map(URI::getRawAuthority) : Optional.empty();
        }
    }

    private record Entry(AdminRoute route, String[] template, Action action) {
        boolean matches(String[] segments) {
            if (segments.length != template.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                if (!isVariable(template[i]) && !template[i].equals(segments[i])) {
                    return false;
                }
            }
            return true;
        }

        Map<String, String> variables(String[] segments) {
            Map<String, String> variables = new LinkedHashMap<>();
            for (int i = 0; i < segments.length; i++) {
                if (isVariable(template[i])) {
                    variables.put(template[i].substring(1, template[i].length() - 1), segments[i]);
                }
            }
            return variables;
        }

        private static boolean isVariable(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }
    }

    private static Entry route(String method, String template, Action action) {
        return route(method, template, Access.TOKEN, action);
    }

    private static Entry route(String method, String template, Access access, Action action) {
        return new Entry(new AdminRoute(method, template, access), segments(template), action);
    }

    private final EngineControl ims;
    private final boolean enabled;
    private final Optional<byte[]> token;
    private final Optional<String> caPem;

    public AdminApi(EngineControl ims, boolean enabled, Optional<String> token) {
        this(ims, enabled, token, Optional.empty());
    }

    /** {@code caPem}: the HTTPS listener's CA certificate, which {@code /fake-ims/tls/ca.pem} serves to anyone. */
    public AdminApi(EngineControl ims, boolean enabled, Optional<String> token, Optional<String> caPem) {
        this.ims = ims;
        this.enabled = enabled;
        this.token = token.map(value -> value.getBytes(StandardCharsets.UTF_8));
        this.caPem = caPem;
    }

    /** {@code rawPath} still percent-encoded, so a client id holding {@code /} arrives as one segment. */
    @Override
    public ImsResponse handle(String scheme, String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                              byte[] body) throws ImsRejection {
        String path = RawPath.decode(rawPath);
        String[] segments = segments(rawPath);
        List<Entry> matching = TABLE.stream().filter(entry -> entry.matches(segments)).toList();
        // Health answers whatever the settings; unknown paths are guarded like the routes, so they reveal nothing.
        boolean always = !matching.isEmpty() && matching.stream().allMatch(entry -> entry.route().access() == Access.ALWAYS);
        if (!always && !enabled) {
            throw new ImsRejection(new ImsError(404, "not_found", "The requested resource does not exist.",
                    "the admin API is off (adminApi=false); only /fake-ims/health answers"), Map.of(OFF_HEADER, "off"));
        }
        if (matching.isEmpty() || matching.stream().anyMatch(entry -> entry.route().access() == Access.TOKEN)) {
            authorize(headers);
        }
        String upper = method.toUpperCase(Locale.ROOT);
        if (matching.isEmpty()) {
            throw new ImsRejection(new ImsError(404, "not_found", "The requested resource does not exist.",
                    method + " " + path + " is not a route of the fake's admin API (see the README's admin API section)"));
        }
        Entry entry = matching.stream().filter(candidate -> candidate.route().method().equals(upper)).findFirst()
                .orElseThrow(() -> Router.methodNotAllowed(path, String.join(", ", matching.stream().map(m -> m.route().method()).toList()), method));
        try {
            return entry.action().run(this, new Call(path, entry.variables(segments), query(rawQuery), new String(body, StandardCharsets.UTF_8),
                    scheme, host(headers)));
        } catch (NoSuchElementException e) {
            throw new ImsRejection(new ImsError(404, "not_found", "The requested resource does not exist.", e.getMessage()));
        } catch (IllegalStateException e) {
            throw new ImsRejection(new ImsError(409, "conflict", "The request conflicts with the fake's state.", e.getMessage()));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            // ArithmeticException / DateTimeException: a number past what time arithmetic holds, still bad input
            throw new ImsRejection(ImsError.badRequest(e.getMessage()));
        }
    }

    /** Every route the admin API serves, in the order it matches them. */
    public static List<AdminRoute> routes() {
        return TABLE.stream().map(Entry::route).toList();
    }

    // --- the routes' actions, in the table's order

    private ImsResponse health(Call call) {
        return ImsResponse.json(200, Map.of("status", "UP"));
    }

    /** The OpenAPI 3.1 description of this API, as the jar ships it (and a test keeps true). */
    private ImsResponse openApi(Call call) {
        return new ImsResponse(200, Map.of("Content-Type", ImsResponse.JSON), OpenApiDocument.BYTES);
    }

    private ImsResponse caCertificate(Call call) throws ImsRejection {
        return new ImsResponse(200, Map.of("Content-Type", "application/x-pem-file"), caPem.orElseThrow(() -> new ImsRejection(
                new ImsError(404, "not_found", "The requested resource does not exist.",
                        "this fake has no HTTPS listener (start it with --https-port), so no CA"))).getBytes(StandardCharsets.US_ASCII));
    }

    private ImsResponse console(Call call) throws ImsRejection {
        return ConsoleFiles.serve("GET", call.path());
    }

    private ImsResponse listCredentials(Call call) {
        noParameters(call.query());
        return ImsResponse.json(200, ims.credentials().stream().map(ConfigJson::toJson).toList());
    }

    private ImsResponse registerCredential(Call call) {
        Credential credential = ConfigJson.parseCredential(call.body());
        ims.register(credential);
        return ImsResponse.json(201, ConfigJson.toJson(credential));
    }

    /** The answer to generate: the only time the fake shows a private key it made. */
    private ImsResponse generateCredential(Call call) {
        GeneratedCredential generated = ims.generateCredentialFromJson(call.body());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("credential", ConfigJson.toJson(generated.credential()));
        json.put("certificate", generated.certificatePem());
        json.put("privateKey", generated.privateKeyPem());
        return ImsResponse.json(201, json).withHeader("Cache-Control", "no-store");
    }

    private ImsResponse importCredentials(Call call) {
        onlyParameters(call.query(), Set.of("format"));
        Optional<CredentialFileFormat> format = Optional.ofNullable(call.query().get("format")).map(CredentialFileFormat::of);
        return ImsResponse.json(201, Map.of("credentials",
                ims.importCredentials(call.body(), format).stream().map(ConfigJson::toJson).toList()));
    }

    private ImsResponse exportCredential(Call call) {
        onlyParameters(call.query(), Set.of("format"));
        CredentialFileFormat format = CredentialFileFormat.of(Optional.ofNullable(call.query().get("format")).orElseThrow(() ->
                new IllegalArgumentException("format: required, one of aem-service-credentials, console-workspace, aio-properties")));
        String file = ims.exportCredential(call.variable("clientId"), format, call.addressedHttps());
        return new ImsResponse(200, Map.of("Content-Type", format == CredentialFileFormat.AIO_PROPERTIES
                ? "text/plain;charset=UTF-8" : ImsResponse.JSON), file.getBytes(StandardCharsets.UTF_8));
    }

    private ImsResponse getCredential(Call call) {
        String clientId = call.variable("clientId");
        return credentialJson(ims.credential(clientId).orElseThrow(() -> noCredential(clientId)));
    }

    private ImsResponse replaceCredential(Call call) {
        String clientId = call.variable("clientId");
        Credential credential = ConfigJson.parseCredential(call.body());
        if (!credential.clientId().equals(clientId)) {
            throw new IllegalArgumentException("credential.clientId: '" + credential.clientId()
                    + "' differs from the client id in the path, '" + clientId + "'");
        }
        ims.register(credential);
        return credentialJson(credential);
    }

    private ImsResponse removeCredential(Call call) {
        String clientId = call.variable("clientId");
        if (!ims.removeCredential(clientId)) {
            throw noCredential(clientId);
        }
        return ImsResponse.empty(204);
    }

    private ImsResponse addCertificate(Call call) {
        return credentialJson(ims.addCertificate(call.variable("clientId"), certificate(call.body())));
    }

    private ImsResponse removeCertificate(Call call) {
        String clientId = call.variable("clientId");
        return credentialJson(ims.removeCertificate(clientId, certificateOf(clientId, call.variable("sha256"))));
    }

    private ImsResponse addClientSecret(Call call) {
        return credentialJson(ims.addClientSecret(call.variable("clientId"), clientSecret(call.body())));
    }

    private ImsResponse removeClientSecret(Call call) {
        return credentialJson(ims.removeClientSecret(call.variable("clientId"), clientSecret(call.body())));
    }

    /** {@code {"clientSecret":"…"}}: in the body, not the path, since secrets hold '/', '+' and '='. */
    private static String clientSecret(String body) {
        return field("clientSecret", () -> JsonValues.string(AdminJson.object(body, "body", Set.of("clientSecret")), "clientSecret"));
    }

    private ImsResponse convertToOAuth(Call call) {
        return credentialJson(ims.convertToOAuthServerToServer(call.variable("clientId")));
    }

    private ImsResponse journal(Call call) {
        JournalFilter filter = AdminJson.filter(call.query(), Set.of());
        Map<String, Object> journal = new LinkedHashMap<>();
        journal.put("entries", ims.journal().entries(filter).stream().map(AdminJson::entry).toList());
        journal.put("droppedCount", ims.journal().droppedCount());
        return ImsResponse.json(200, journal);
    }

    private ImsResponse clearJournal(Call call) {
        ims.journal().clear();
        return ImsResponse.empty(204);
    }

    private ImsResponse takeFromJournal(Call call) {
        Duration wait = Duration.ofMillis(AdminJson.number(call.query().getOrDefault("timeoutMillis", "0"), "timeoutMillis"));
        Optional<JournalEntry> taken = ims.journal().takeNext(AdminJson.filter(call.query(), Set.of("timeoutMillis")),
                wait.compareTo(MAX_TAKE_WAIT) > 0 ? MAX_TAKE_WAIT : wait);
        return taken.map(entry -> ImsResponse.json(200, AdminJson.entry(entry))).orElseGet(() -> ImsResponse.empty(204));
    }

    private ImsResponse tokens(Call call) {
        noParameters(call.query());
        return ImsResponse.json(200, ims.issuedTokens().list().stream().map(AdminJson::token).toList());
    }

    private ImsResponse findToken(Call call) {
        Map<String, Object> json = AdminJson.object(call.body(), "body", Set.of("token"));
        String value = field("token", () -> JsonValues.string(json, "token"));
        return ims.issuedTokens().find(value).map(found -> ImsResponse.json(200, AdminJson.token(found)))
                .orElseThrow(() -> new NoSuchElementException("the fake did not issue this token (or issued it before its last reset)"));
    }

    private ImsResponse faults(Call call) {
        return ImsResponse.json(200, ims.faults().pending().stream().map(AdminJson::fault).toList());
    }

    private ImsResponse addFault(Call call) {
        ims.faults().add(AdminJson.fault(AdminJson.object(call.body(), "fault")));
        return ImsResponse.json(201, ims.faults().pending().stream().map(AdminJson::fault).toList());
    }

    private ImsResponse clearFaults(Call call) {
        ims.faults().clear();
        return ImsResponse.empty(204);
    }

    private ImsResponse clock(Call call) {
        return clockJson();
    }

    private ImsResponse fixClock(Call call) {
        Map<String, Object> json = AdminJson.object(call.body(), "body", Set.of("instant"));
        ims.clock().fixAt(field("instant", () -> AdminJson.instant(json, "instant")));
        return clockJson();
    }

    private ImsResponse advanceClock(Call call) {
        Map<String, Object> json = AdminJson.object(call.body(), "body", AdminJson.DURATION_FIELDS);
        Duration amount = AdminJson.duration(json);
        try {
            ims.clock().advance(amount);
        } catch (IllegalArgumentException e) {
            String given = AdminJson.DURATION_FIELDS.stream().filter(json::containsKey).findFirst().orElse("duration");
            throw new IllegalArgumentException(given + ": " + e.getMessage().replaceFirst("^amount: ", ""), e);
        }
        return clockJson();
    }

    private ImsResponse resetClock(Call call) {
        ims.clock().reset();
        return clockJson();
    }

    private ImsResponse verifyJwt(Call call) {
        Map<String, Object> request = AdminJson.object(call.body(), "body", Set.of("clientId", "jwt"));
        String clientId = field("clientId", () -> JsonValues.string(request, "clientId"));
        String jwt = field("jwt", () -> JsonValues.string(request, "jwt"));
        return ImsResponse.json(200, AdminJson.verification(ims.verifyServiceAccountJwt(jwt, clientId, call.addressedBaseUrl())));
    }

    private ImsResponse reset(Call call) {
        ims.reset();
        return ImsResponse.empty(204);
    }

    private ImsResponse clockJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("now", ims.clock().now().toString());
        json.put("fixed", ims.clock().isFixed());
        if (ims.clock() instanceof SettableClock settable) {
            settable.offsetFromSystemClock().ifPresent(offset -> json.put("offsetFromSystemClock", offset.toString()));
        }
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

    private static void noParameters(Map<String, String> query) {
        if (!query.isEmpty()) {
            throw new IllegalArgumentException(query.keySet().iterator().next() + ": unknown parameter; this route takes none");
        }
    }

    /** The {@code Host} header's value, when there is one. */
    private static Optional<String> host(Map<String, List<String>> headers) {
        return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase("Host") && !header.getValue().isEmpty())
                .map(header -> header.getValue().get(0).strip()).filter(host -> !host.isEmpty()).findFirst();
    }

    private static void onlyParameters(Map<String, String> query, Set<String> known) {
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(name + ": unknown parameter; this route takes " + known);
            }
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

    /** The decoded segments after {@code /fake-ims/}, split where the raw path has a {@code /} (not a {@code %2F}). */
    private static String[] segments(String rawPath) {
        String rest = rawPath.length() > "/fake-ims/".length() ? rawPath.substring("/fake-ims/".length()) : "";
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest.isEmpty() ? new String[0] : Arrays.stream(rest.split("/", -1)).map(RawPath::decode).toArray(String[]::new);
    }
}

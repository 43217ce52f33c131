package io.github.fakeims.server.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsErrorAssertions;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;

/**
 * Shared tools of the attack suite: hand-built JWTs (raw header and payload JSON, signed with JCA so
 * nothing "helpfully" normalizes them), HTTP with short timeouts, raw sockets for requests no HTTP client
 * will send, and the one assertion every answer of the fake must pass: an IMS JSON error or a success,
 * never a 5xx, never a stack trace, never a dropped connection.
 */
final class AttackKit {

    /** The fake's fixed time: within the validity of the certificates {@link TestKeys#certificate} makes. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String REASON = ImsErrorAssertions.REASON;
    static final String RS256_HEADER = "{\"alg\":\"RS256\"}";
    /** The codes the JWT exchange may answer with. */
    static final Set<String> EXCHANGE_ERRORS = Set.of("invalid_request", "invalid_token", "invalid_client", "invalid_scope",
            "invalid_jti");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    private AttackKit() {
    }

    static FakeImsServer startServer() {
        return FakeImsServer.start(FakeImsConfig.builder().clock(CLOCK).build());
    }

    static Credential register(FakeImsServer ims, Credential credential) {
        ims.register(credential);
        return credential;
    }

    // --- JWTs built by hand ---------------------------------------------------------------------------

    static String metascopeKey(FakeImsServer ims) {
        return ims.baseUrl() + "/s/" + TestCredentials.METASCOPE;
    }

    static String audience(FakeImsServer ims, Credential credential) {
        return ims.baseUrl() + "/c/" + credential.clientId();
    }

    /** The claims aio-lib-java sends (iss, sub, aud, iat, exp = iat + 180, one metascope), in a mutable ordered map. */
    static Map<String, Object> claims(FakeImsServer ims, Credential credential) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", credential.orgId());
        claims.put("sub", credential.technicalAccountId());
        claims.put("aud", audience(ims, credential));
        claims.put("iat", NOW.getEpochSecond());
        claims.put("exp", NOW.getEpochSecond() + 180);
        claims.put(metascopeKey(ims), true);
        return claims;
    }

    static String json(Map<String, ?> object) {
        return JSONObjectUtils.toJSONString(object);
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64URL.encode(bytes).toString();
    }

    /** header.payload.signature from raw JSON texts, signed RS256 with {@code key}. */
    static String signRs256(String headerJson, String payloadJson, PrivateKey key) {
        return signInput(b64(headerJson) + "." + b64(payloadJson), key);
    }

    /** A signing input (already base64url text) and its RS256 signature. */
    static String signInput(String signingInput, PrivateKey key) {
        return signingInput + "." + b64(sign("SHA256withRSA", signingInput, key));
    }

    static byte[] sign(String jcaAlgorithm, String signingInput, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid JWT for the credential: RS256 by {@link TestKeys#KEYS}, aio-lib-java's claims. */
    static String validJwt(FakeImsServer ims, Credential credential) {
        return signed(claims(ims, credential));
    }

    static String signed(Map<String, Object> claims) {
        return signRs256(RS256_HEADER, json(claims), TestKeys.KEYS.getPrivate());
    }

    // --- HTTP -----------------------------------------------------------------------------------------

    static Map<String, String> params(Credential credential, String jwtToken) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", credential.clientId());
        params.put("client_secret", credential.clientSecret());
        params.put("jwt_token", jwtToken);
        return params;
    }

    static String formBody(Map<String, String> params) {
        StringBuilder body = new StringBuilder();
        params.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(ImsHttp.encode(name)).append('=').append(ImsHttp.encode(value)));
        return body.toString();
    }

    static URI exchangeUrl(FakeImsServer ims) {
        return ims.baseUrl().resolve("/ims/exchange/jwt");
    }

    static HttpResponse<String> exchange(FakeImsServer ims, Credential credential, String jwtToken) {
        return post(exchangeUrl(ims), "application/x-www-form-urlencoded",
                formBody(params(credential, jwtToken)).getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs raw bytes; {@code contentType} null sends no Content-Type header. */
    static HttpResponse<String> post(URI url, String contentType, byte[] body) {
        return post(url, contentType, body, Duration.ofSeconds(10));
    }

    /**
     * POSTs over a fresh connection with {@code Connection: close} (see {@link #http}): about 1 ms a request,
     * where {@link HttpClient} on a kept-alive connection waits ~40 ms for each answer of the JDK server.
     */
    static HttpResponse<String> post(URI url, String contentType, byte[] body, Duration timeout) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return http("POST", url, headers, body, timeout);
    }

    /**
     * One HTTP/1.1 exchange written by hand on a fresh loopback connection ({@code Connection: close}),
     * read as strictly as {@link HttpClient} reads it: a header value with a control character, or no
     * answer before the server closes, is an {@link UncheckedIOException}.
     */
    static HttpResponse<String> http(String method, URI url, Map<String, String> headers, byte[] body, Duration timeout) {
        StringBuilder head = new StringBuilder(method).append(' ').append(url.getRawPath().isEmpty() ? "/" : url.getRawPath());
        if (url.getRawQuery() != null) {
            head.append('?').append(url.getRawQuery());
        }
        head.append(" HTTP/1.1\r\n");
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Host"))) { // a test may send its own
            head.append("Host: ").append(url.getRawAuthority()).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getByName(url.getHost()), url.getPort()), 3000);
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write(concat(head.toString().getBytes(StandardCharsets.UTF_8), body));
            out.flush();
            long deadline = System.nanoTime() + timeout.toNanos();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16384];
            int read;
            while ((read = in.read(buffer)) != -1) {
                received.write(buffer, 0, read);
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException("request timed out");
                }
            }
            return parseResponse(url, method, received.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("no HTTP answer (" + e + ") to " + method + " " + url, e);
        }
    }

    private static HttpResponse<String> parseResponse(URI url, String method, byte[] received) throws IOException {
        String text = new String(received, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (received.length == 0) {
            throw new IOException("HTTP/1.1 header parser received no bytes");
        }
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IOException("not an HTTP/1.1 response: " + text.substring(0, Math.min(200, text.length())));
        }
        String[] lines = text.substring(0, end).split("\r\n", -1);
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String last = null;
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                List<String> values = headers.get(last);
                values.set(values.size() - 1, values.get(values.size() - 1) + " " + line.trim());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("invalid header line \"" + line + "\"");
            }
            String value = line.substring(colon + 1).trim();
            for (char c : value.toCharArray()) {
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new ProtocolException("Invalid header value \"" + line + "\"");
                }
            }
            last = line.substring(0, colon).trim();
            headers.computeIfAbsent(last, name -> new ArrayList<>()).add(value);
        }
        byte[] body = Arrays.copyOfRange(received, end + 4, received.length);
        List<String> length = headers.get("Content-Length");
        if (length != null) {
            int expected = Integer.parseInt(length.get(0));
            if (body.length < expected) {
                throw new IOException("response body truncated: " + body.length + " of " + expected + " bytes");
            }
            body = Arrays.copyOf(body, expected);
        }
        if (method.equals("HEAD")) {
            body = new byte[0];
        }
        return new RawResponseAdapter(status, HttpHeaders.of(headers, (name, value) -> true),
                new String(body, StandardCharsets.UTF_8), url, method);
    }

    /** A hand-read response behind the standard interface, so every assertion works on both clients. */
    private record RawResponseAdapter(int statusCode, HttpHeaders headers, String body, URI uri, String method)
            implements HttpResponse<String> {

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    static HttpResponse<String> send(HttpRequest request, Duration timeout) {
        try {
            return HTTP.send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("no HTTP answer (" + e + ") to " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String reason(HttpResponse<String> response) {
        return response.headers().firstValue(REASON).orElse("");
    }

    static String describe(HttpResponse<String> response) {
        String body = response.body().length() > 160 ? response.body().substring(0, 160) + "..." : response.body();
        return response.statusCode() + " " + body + "; " + REASON + ": " + reason(response);
    }

    static void assertIssued(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
        Map<String, Object> body = ImsHttp.json(response);
        assertThat(body).containsEntry("token_type", "bearer");
        assertThat(body.get("access_token")).asString().isNotBlank();
    }

    /**
     * What every answer of the fake must be: below 500; a 4xx is an IMS JSON error
     * ({@code error}, {@code error_description}) with an {@code x-debug-id} and a non-blank reason, and
     * no stack trace or HTML anywhere.
     */
    static void assertNoServerError(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(describe(response)).isLessThan(500);
        assertThat(response.body()).as(describe(response)).doesNotContainIgnoringCase("<html").doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(response.headers().firstValue("x-debug-id")).as(describe(response)).isPresent();
        if (response.statusCode() >= 400) {
            assertImsErrorShape(response);
        }
    }

    /** A 4xx IMS error of any code: JSON {error, error_description} and a reason header saying why. */
    static Map<String, Object> assertImsErrorShape(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(describe(response)).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).as(describe(response)).hasValue(ImsErrorAssertions.JSON);
        Map<String, Object> body;
        try {
            body = JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("not a JSON object: " + describe(response), e);
        }
        assertThat(body).as(describe(response)).containsOnlyKeys("error", "error_description");
        assertThat(body.get("error")).as(describe(response)).isInstanceOf(String.class);
        assertThat(body.get("error_description")).as(describe(response)).isInstanceOf(String.class);
        assertThat(reason(response)).as(describe(response)).isNotBlank();
        return body;
    }

    // --- raw sockets ----------------------------------------------------------------------------------

    /** What came back on a raw connection: a parsed response, or nothing before the server closed it or time ran out. */
    record RawResponse(int status, Map<String, String> headers, byte[] body, String failure) {

        boolean answered() {
            return status > 0;
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return answered() ? status + " " + headers + " " + bodyText() : "no answer: " + failure;
        }
    }

    /** Sends bytes as they are on a fresh loopback connection and reads until the server closes it or {@code timeout} passes. */
    static RawResponse raw(FakeImsServer ims, byte[] request, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ims.port()), 3000);
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            String failure = "closed";
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    received.write(buffer, 0, read);
                    if (complete(received.toByteArray()) || System.nanoTime() > deadline) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                failure = "timed out after " + timeout;
            } catch (IOException e) {
                failure = e.toString();
            }
            return parse(received.toByteArray(), failure);
        } catch (IOException e) {
            return new RawResponse(-1, Map.of(), new byte[0], e.toString());
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** Headers received and, when a Content-Length says so, the whole body. */
    private static boolean complete(byte[] received) {
        String text = new String(received, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return received.length >= end + 4 + Integer.parseInt(line.substring(15).trim());
            }
        }
        return false;
    }

    private static RawResponse parse(byte[] received, String failure) {
        String text = new String(received, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            return new RawResponse(-1, Map.of(), received, failure + (received.length == 0 ? "" : ", got " + text));
        }
        List<String> lines = List.of(text.substring(0, end).split("\r\n"));
        Map<String, String> headers = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        byte[] body = new byte[received.length - end - 4];
        System.arraycopy(received, end + 4, body, 0, body.length);
        return new RawResponse(Integer.parseInt(lines.get(0).split(" ")[1]), headers, body, "");
    }
}

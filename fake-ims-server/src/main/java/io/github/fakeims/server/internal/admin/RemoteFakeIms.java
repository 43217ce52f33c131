package io.github.fakeims.server.internal.admin;

import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.CredentialFileFormat;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsAdminException;
import io.github.fakeims.server.FakeImsClock;
import io.github.fakeims.server.FakeImsImplementation;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.Faults;
import io.github.fakeims.server.GeneratedCredential;
import io.github.fakeims.server.IssuedAccessToken;
import io.github.fakeims.server.IssuedTokens;
import io.github.fakeims.server.Journal;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import io.github.fakeims.server.JwtVerification;
import io.github.fakeims.server.internal.config.ConfigJson;
import io.github.fakeims.server.internal.core.Certificates;
import io.github.fakeims.server.internal.core.PrivateKeyPem;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The admin HTTP API of a fake running elsewhere as a {@link FakeIms}: what a {@code FakeImsAdminClient} runs on.
 * Bad input fails as in-process, with the fake's message; transport and access failures with
 * {@link FakeImsAdminException}.
 */
public final class RemoteFakeIms implements FakeImsImplementation.Remote {

    private final URI baseUrl;
    private final AdminHttp http;

    public RemoteFakeIms(URI baseUrl, Optional<String> adminToken, Optional<SSLContext> tls) {
        String text = baseUrl.toString();
        this.baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = new AdminHttp(this.baseUrl, adminToken, tls);
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public boolean isHealthy() {
        try {
            return http.send("GET", "/fake-ims/health", "").status() == 200;
        } catch (FakeImsAdminException e) {
            return false;
        }
    }

    @Override
    public void register(Credential credential) {
        http.send("POST", "/fake-ims/credentials", json(ConfigJson.toJson(credential)));
    }

    @Override
    public boolean removeCredential(String clientId) {
        return http.sendAllowing404("DELETE", credentialPath(clientId), "").isPresent();
    }

    @Override
    public Optional<Credential> credential(String clientId) {
        return http.sendAllowing404("GET", credentialPath(clientId), "").map(response -> ConfigJson.parseCredential(response.body()));
    }

    @Override
    public GeneratedCredential generateCredential(String... metascopes) {
        Map<String, Object> answer = http.send("POST", "/fake-ims/credentials/generate",
                json(Map.of("metascopes", List.of(metascopes), "scopes", List.of("openid", "AdobeID")))).object();
        Credential credential = ConfigJson.parseCredential(json(answer.get("credential")));
        X509Certificate certificate = X509CertUtils.parse((String) answer.get("certificate"));
        try {
            return new GeneratedCredential(credential, certificate, PrivateKeyPem.parse((String) answer.get("privateKey")));
        } catch (IllegalArgumentException e) {
            throw new FakeImsAdminException(201, "the generated private key: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Credential> credentials() {
        return http.send("GET", "/fake-ims/credentials", "").array().stream()
                .map(json -> ConfigJson.parseCredential(json(json))).toList();
    }

    @Override
    public Credential addCertificate(String clientId, X509Certificate certificate) {
        return ConfigJson.parseCredential(http.send("POST", credentialPath(clientId) + "/certificates",
                X509CertUtils.toPEMString(certificate)).body());
    }

    @Override
    public Credential removeCertificate(String clientId, X509Certificate certificate) {
        return ConfigJson.parseCredential(http.send("DELETE", credentialPath(clientId) + "/certificates/"
                + Certificates.sha256Fingerprint(certificate), "").body());
    }

    @Override
    public Credential addClientSecret(String clientId, String clientSecret) {
        return ConfigJson.parseCredential(http.send("POST", credentialPath(clientId) + "/secrets",
                json(Map.of("clientSecret", clientSecret))).body());
    }

    @Override
    public Credential removeClientSecret(String clientId, String clientSecret) {
        return ConfigJson.parseCredential(http.send("DELETE", credentialPath(clientId) + "/secrets",
                json(Map.of("clientSecret", clientSecret))).body());
    }

    @Override
    public Credential convertToOAuthServerToServer(String clientId) {
        return ConfigJson.parseCredential(http.send("POST", credentialPath(clientId) + "/convert-to-oauth", "").body());
    }

    @Override
    public JwtVerification verifyServiceAccountJwt(String jwt, String clientId) {
        return AdminJson.verification(http.send("POST", "/fake-ims/verify-jwt", json(Map.of("clientId", clientId, "jwt", jwt))).object());
    }

    @Override
    public String exportCredential(String clientId, CredentialFileFormat format) {
        return http.send("GET", credentialPath(clientId) + "/export?format=" + format.id(), "").body();
    }

    @Override
    public List<Credential> importCredentials(String file, Optional<CredentialFileFormat> format) {
        Object credentials = http.send("POST", "/fake-ims/credentials/import" + format.map(given -> "?format=" + given.id()).orElse(""), file)
                .object().get("credentials");
        return ((List<?>) credentials).stream().map(json -> ConfigJson.parseCredential(json(json))).toList();
    }

    @Override
    public Journal journal() {
        return journal;
    }

    @Override
    public Faults faults() {
        return faults;
    }

    @Override
    public FakeImsClock clock() {
        return clock;
    }

    @Override
    public IssuedTokens issuedTokens() {
        return tokens;
    }

    @Override
    public void reset() {
        http.send("POST", "/fake-ims/reset", "");
        clock.forget();
    }

    @Override
    public String toString() {
        return "RemoteFakeIms{" + baseUrl + "}";
    }

    private final Journal journal = new Journal() {
        @Override
        public List<JournalEntry> entries() {
            return entries(JournalFilter.all());
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<JournalEntry> entries(JournalFilter filter) {
            String query = AdminJson.query(filter);
            List<Object> entries = (List<Object>) http.send("GET", "/fake-ims/journal" + (query.isEmpty() ? "" : "?" + query), "")
                    .object().get("entries");
            return entries.stream().map(entry -> AdminJson.entry((Map<String, Object>) entry)).toList();
        }

        @Override
        public Optional<JournalEntry> takeNext(JournalFilter filter, Duration timeout) {
            String query = AdminJson.query(filter);
            Instant deadline = Instant.now().plus(timeout.isNegative() ? Duration.ZERO : timeout);
            while (true) {
                long waitMillis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                AdminHttp.Response response = http.send("POST", "/fake-ims/journal/take?timeoutMillis=" + waitMillis
                        + (query.isEmpty() ? "" : "&" + query), "");
                if (response.status() == 200) {
                    return Optional.of(AdminJson.entry(response.object()));
                }
                if (!Instant.now().isBefore(deadline)) {
                    return Optional.empty();
                }
            }
        }

        @Override
        public long droppedCount() {
            return ((Number) http.send("GET", "/fake-ims/journal?afterSequence=" + Long.MAX_VALUE, "").object().get("droppedCount")).longValue();
        }

        @Override
        public void clear() {
            http.send("DELETE", "/fake-ims/journal", "");
        }
    };

    private final Faults faults = new Faults() {
        @Override
        public void add(Fault fault) {
            http.send("POST", "/fake-ims/faults", json(AdminJson.fault(fault)));
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Fault> pending() {
            return http.send("GET", "/fake-ims/faults", "").array().stream()
                    .map(json -> AdminJson.fault((Map<String, Object>) json)).toList();
        }

        @Override
        public void clear() {
            http.send("DELETE", "/fake-ims/faults", "");
        }
    };

    /**
     * The fake's clock without a round trip per read. The client keeps what it last heard of the fake's
     * clock: fixed at an instant; or running on the system clock ahead by an offset, read as this JVM's
     * system time plus that offset (a fake on the same host or in a container shares the host's clock);
     * or running on a clock of its own, read forward from the instant heard. It hears on the first read,
     * on every change through this client (fix, advance, reset, {@link FakeIms#reset()}) and on
     * {@link FakeImsClock#refresh()}; a change made by anyone else is seen after a refresh.
     */
    private final RemoteClock clock = new RemoteClock();

    private final class RemoteClock implements FakeImsClock {
        /** Where the fake's clock stood at {@code localNanos}, and its offset from the system clock if it runs on it. */
        private record Heard(Instant fakeNow, boolean fixed, Optional<Duration> offsetFromSystemClock, long localNanos) {
            Instant now() {
                if (fixed) {
                    return fakeNow;
                }
                return offsetFromSystemClock.map(offset -> Instant.now().plus(offset))
                        .orElseGet(() -> fakeNow.plusNanos(System.nanoTime() - localNanos));
            }
        }

        private volatile Heard heard;

        @Override
        public Instant now() {
            return last().now();
        }

        @Override
        public void fixAt(Instant instant) {
            hear(http.send("POST", "/fake-ims/clock/fix", json(Map.of("instant", instant.toString()))));
        }

        @Override
        public void advance(Duration amount) {
            hear(http.send("POST", "/fake-ims/clock/advance", json(Map.of("duration", amount.toString()))));
        }

        @Override
        public void reset() {
            hear(http.send("POST", "/fake-ims/clock/reset", ""));
        }

        @Override
        public boolean isFixed() {
            return last().fixed();
        }

        @Override
        public void refresh() {
            hear(http.send("GET", "/fake-ims/clock", ""));
        }

        /** After a change that may have moved the clock (a reset): hear again on the next read. */
        void forget() {
            heard = null;
        }

        private Heard last() {
            Heard last = heard;
            if (last == null) {
                refresh();
                last = heard;
            }
            return last;
        }

        private void hear(AdminHttp.Response response) {
            Map<String, Object> json = response.object();
            Optional<Duration> offset = Optional.ofNullable((String) json.get("offsetFromSystemClock")).map(Duration::parse);
            heard = new Heard(Instant.parse((String) json.get("now")), Boolean.TRUE.equals(json.get("fixed")), offset, System.nanoTime());
        }
    }

    private final IssuedTokens tokens = new IssuedTokens() {
        @Override
        @SuppressWarnings("unchecked")
        public List<IssuedAccessToken> list() {
            return http.send("GET", "/fake-ims/tokens", "").array().stream()
                    .map(json -> AdminJson.token((Map<String, Object>) json)).toList();
        }

        @Override
        public Optional<IssuedAccessToken> find(String accessToken) {
            return http.sendAllowing404("POST", "/fake-ims/tokens/find", json(Map.of("token", accessToken)))
                    .map(response -> AdminJson.token(response.object()));
        }
    };

    private static String credentialPath(String clientId) {
        return "/fake-ims/credentials/" + URLEncoder.encode(clientId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @SuppressWarnings("unchecked")
    private static String json(Object value) {
        return value instanceof Map<?, ?> map ? com.nimbusds.jose.util.JSONObjectUtils.toJSONString((Map<String, ?>) map) : String.valueOf(value);
    }
}

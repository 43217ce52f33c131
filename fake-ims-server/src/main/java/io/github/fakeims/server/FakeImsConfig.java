package io.github.fakeims.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Map;
import java.util.LinkedHashMap;
import java.security.PrivateKey;

/**
 * Everything a {@link FakeImsServer} is started with: where it listens, which base URLs it accepts
 * in a JWT's {@code aud}, the credentials it knows, the clock, the token lifetime, the journal's size
 * and the admin API's access. {@link FakeIms#reset()} returns to this state. Immutable;
 * build it with {@link #builder()} or read it from the JSON format with {@link #fromJson(String)}.
 */
public final class FakeImsConfig {

    /** The production IMS host, accepted in {@code aud} when {@link #acceptProductionAudience()} is on. */
    public static final URI PRODUCTION_IMS = URI.create("https://ims-na1.adobelogin.com");
    /** The stage IMS host, accepted in {@code aud} when {@link #acceptProductionAudience()} is on. */
    public static final URI STAGE_IMS = URI.create("https://ims-na1-stg1.adobelogin.com");

    static final int DEFAULT_JOURNAL_SIZE = 1000;
    static final int MAX_JOURNAL_SIZE = 1_000_000;

    private final String host;
    private final int port;
    private final List<URI> publicBaseUrls;
    private final boolean acceptProductionAudience;
    private final List<Credential> credentials;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final int journalSize;
    private final boolean adminApi;
    private final Optional<String> adminToken;
    private final boolean http;
    private final int httpsPort;
    private final Optional<FakeImsTls> tls;
    private final List<String> tlsSubjectAlternativeNames;
    private final Map<String, PrivateKey> privateKeys;
    private final Optional<String> tokenSecret;

    private FakeImsConfig(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.publicBaseUrls = List.copyOf(builder.publicBaseUrls);
        this.acceptProductionAudience = builder.acceptProductionAudience;
        this.credentials = List.copyOf(builder.credentials);
        this.clock = builder.clock;
        this.tokenLifetime = builder.tokenLifetime;
        this.journalSize = builder.journalSize;
        this.adminApi = builder.adminApi;
        this.adminToken = builder.adminToken;
        this.http = builder.http;
        this.httpsPort = builder.httpsPort;
        this.tls = builder.tls;
        this.tlsSubjectAlternativeNames = List.copyOf(builder.tlsSubjectAlternativeNames);
        this.privateKeys = Map.copyOf(builder.privateKeys);
        if (!http && httpsPort < 0) {
            throw new IllegalArgumentException("http: with plain HTTP off an HTTPS port is needed (httpsPort)");
        }
        for (String clientId : privateKeys.keySet()) {
            if (credentials.stream().noneMatch(credential -> credential.clientId().equals(clientId))) {
                throw new IllegalArgumentException("privateKeys: no credential has client_id " + clientId);
            }
        }
        this.tokenSecret = builder.tokenSecret;
        long distinctIds = credentials.stream().map(Credential::clientId).distinct().count();
        if (distinctIds != credentials.size()) {
            throw new IllegalArgumentException("credentials: two credentials share a clientId");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The default configuration: loopback, an ephemeral port, no credentials. */
    public static FakeImsConfig defaults() {
        return builder().build();
    }

    /**
     * Reads the JSON configuration format. Certificate entries that are not PEM text are file paths,
     * resolved against the working directory.
     *
     * @throws IllegalArgumentException naming the offending field, e.g. {@code credentials[0].orgId}
     */
    public static FakeImsConfig fromJson(String json) {
        return Implementation.get().parseConfig(json, Path.of("")).build();
    }

    /** Reads a JSON configuration file; certificate paths are resolved against the file's folder. */
    public static FakeImsConfig fromFile(Path file) {
        try {
            String json = Files.readString(file, StandardCharsets.UTF_8);
            Path folder = file.toAbsolutePath().getParent();
            return Implementation.get().parseConfig(json, folder).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * This configuration in the JSON format of {@link #fromJson} (certificates as PEM text), e.g. for a fake
     * in a container; the clock is not carried.
     */
    public String toJson() {
        return Implementation.get().writeConfig(this);
    }

    public Builder toBuilder() {
        return new Builder()
                .host(host)
                .port(port)
                .publicBaseUrls(publicBaseUrls)
                .acceptProductionAudience(acceptProductionAudience)
                .credentials(credentials)
                .clock(clock)
                .tokenLifetime(tokenLifetime)
                .journalSize(journalSize)
                .adminApi(adminApi)
                .adminToken(adminToken.orElse(null))
                .http(http)
                .httpsPort(httpsPort)
                .tls(tls.orElse(null))
                .tlsSubjectAlternativeNames(tlsSubjectAlternativeNames)
                .privateKeys(privateKeys)
                .tokenSecret(tokenSecret.orElse(null));
    }

    /** The address to bind; {@code 127.0.0.1} unless set. */
    public String host() { return host; }

    /** The port to bind; {@code 0} (any free port) unless set. */
    public int port() { return port; }

    /** Extra base URLs (besides the address a client used) accepted in {@code aud} and metascope keys. */
    public List<URI> publicBaseUrls() { return publicBaseUrls; }

    /** Whether JWTs built for the production or stage IMS hosts are accepted too. */
    public boolean acceptProductionAudience() { return acceptProductionAudience; }

    public List<Credential> credentials() { return credentials; }

    public Clock clock() { return clock; }

    /** How long issued access tokens live; 24 hours unless set. */
    public Duration tokenLifetime() { return tokenLifetime; }

    /** How many requests the journal (and how many tokens the issued-token list) holds; 1000 unless set. */
    public int journalSize() { return journalSize; }

    /** Whether the admin HTTP API under {@code /fake-ims/} answers; on unless set ({@code /fake-ims/health} always answers). */
    public boolean adminApi() { return adminApi; }

    /** The bearer token the admin HTTP API requires; none unless set. */
    public Optional<String> adminToken() { return adminToken; }

    /** Whether the plain HTTP listener ({@link #port()}) runs; on unless set. */
    public boolean http() { return http; }

    /** The HTTPS listener's port ({@code 0}: a free one), when HTTPS is on. */
    public OptionalInt httpsPort() { return httpsPort < 0 ? OptionalInt.empty() : OptionalInt.of(httpsPort); }

    /** The HTTPS listener's key and certificate; without one the fake makes a throwaway CA at start. */
    public Optional<FakeImsTls> tls() { return tls; }

    /** Extra names for the throwaway server certificate, besides loopback, the bind host and the public hosts. */
    public List<String> tlsSubjectAlternativeNames() { return tlsSubjectAlternativeNames; }

    /**
     * Private keys the fake holds for some of its credentials (by client id), as if it had made them: the
     * credential file exports may include them. None unless set.
     */
    public Map<String, PrivateKey> privateKeys() { return privateKeys; }

    /**
     * The secret that keys access token ids (their tag); none unless set, and then a random one is drawn at
     * start and at every reset. Fakes with the same secret accept each other's tokens (replicas).
     */
    public Optional<String> tokenSecret() { return tokenSecret; }

    /** Builds a {@link FakeImsConfig}; every setter says its default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private final List<URI> publicBaseUrls = new ArrayList<>();
        private boolean acceptProductionAudience;
        private final List<Credential> credentials = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Duration tokenLifetime = Duration.ofHours(24);
        private int journalSize = DEFAULT_JOURNAL_SIZE;
        private boolean adminApi = true;
        private Optional<String> adminToken = Optional.empty();
        private boolean http = true;
        private int httpsPort = -1;
        private Optional<FakeImsTls> tls = Optional.empty();
        private final List<String> tlsSubjectAlternativeNames = new ArrayList<>();
        private final Map<String, PrivateKey> privateKeys = new LinkedHashMap<>();
        private Optional<String> tokenSecret = Optional.empty();

        private Builder() {
        }

        /** Default {@code 127.0.0.1}; use {@code 0.0.0.0} to be reachable from other hosts. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Default {@code 0}: a free port chosen at start. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " is not between 0 and 65535");
            }
            this.port = port;
            return this;
        }

        /** Adds a base URL accepted in {@code aud}, e.g. the URL a proxy or container mapping exposes. Default: none. */
        public Builder publicBaseUrl(URI url) {
            publicBaseUrls.add(normalize(url));
            return this;
        }

        public Builder publicBaseUrls(Collection<URI> urls) {
            publicBaseUrls.clear();
            urls.forEach(this::publicBaseUrl);
            return this;
        }

        /** Default {@code false}: a JWT whose {@code aud} names production or stage IMS is rejected. */
        public Builder acceptProductionAudience(boolean accept) {
            this.acceptProductionAudience = accept;
            return this;
        }

        /** Adds a credential. Default: none. */
        public Builder credential(Credential credential) {
            credentials.add(Objects.requireNonNull(credential, "credential"));
            return this;
        }

        public Builder credentials(Collection<Credential> credentials) {
            this.credentials.clear();
            credentials.forEach(this::credential);
            return this;
        }

        /** Default the system UTC clock. Drives JWT expiry, certificate validity and token timestamps. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Default 24 hours, as IMS. */
        public Builder tokenLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("tokenLifetime: must be positive, was " + lifetime);
            }
            this.tokenLifetime = lifetime;
            return this;
        }

        /** Default 1000: the newest requests kept in the journal (and tokens in the issued list); 0 keeps none. */
        public Builder journalSize(int size) {
            if (size < 0 || size > MAX_JOURNAL_SIZE) {
                throw new IllegalArgumentException("journalSize: must be between 0 and " + MAX_JOURNAL_SIZE + ", was " + size);
            }
            this.journalSize = size;
            return this;
        }

        /** Default {@code true}. Off, every {@code /fake-ims/} route but {@code /fake-ims/health} answers 404. */
        public Builder adminApi(boolean enabled) {
            this.adminApi = enabled;
            return this;
        }

        /**
         * Default none. When set, admin HTTP requests must send {@code Authorization: Bearer <token>} or get
         * 401; use it when others can reach the fake. {@code null} removes it; a blank token is refused
         * (it would silently turn the check off).
         */
        public Builder adminToken(String token) {
            this.adminToken = nonBlankOrNone(token, "adminToken");
            return this;
        }

        /** Default {@code true}; {@code false} serves HTTPS only (then {@link #httpsPort} is needed). */
        public Builder http(boolean enabled) {
            this.http = enabled;
            return this;
        }

        /** Default off ({@code -1}); {@code 0} picks a free port. Turns the HTTPS listener on. */
        public Builder httpsPort(int port) {
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("httpsPort: " + port + " is not between 0 and 65535");
            }
            this.httpsPort = port;
            return this;
        }

        /** Default none: a throwaway CA and server certificate made at start (when HTTPS is on). */
        public Builder tls(FakeImsTls tls) {
            this.tls = Optional.ofNullable(tls);
            return this;
        }

        /** More DNS names or IP addresses for the throwaway server certificate. Default: none. */
        public Builder tlsSubjectAlternativeNames(Collection<String> names) {
            tlsSubjectAlternativeNames.clear();
            names.forEach(this::tlsSubjectAlternativeName);
            return this;
        }

        public Builder tlsSubjectAlternativeName(String name) {
            if (name == null || name.isBlank() || !name.strip().matches("[A-Za-z0-9.:\\-\\[\\]*]+")) {
                throw new IllegalArgumentException("tlsSubjectAlternativeNames: '" + name + "' is not a host name or IP address");
            }
            tlsSubjectAlternativeNames.add(name.strip());
            return this;
        }

        /** Adds a credential whose private key the fake holds (so exports can include it). */
        public Builder credential(Credential credential, PrivateKey privateKey) {
            credential(credential);
            privateKeys.put(credential.clientId(), Objects.requireNonNull(privateKey, "privateKey"));
            return this;
        }

        public Builder privateKeys(Map<String, PrivateKey> keys) {
            privateKeys.clear();
            privateKeys.putAll(keys);
            return this;
        }

        /**
         * Default none: a random secret per start, drawn again at every reset (tokens issued before a reset
         * are refused). Set the same secret on replicas so that each accepts the others' tokens; then a
         * reset keeps the secret, and tokens issued before it stay valid. {@code null} removes it; blank is refused.
         */
        public Builder tokenSecret(String secret) {
            this.tokenSecret = nonBlankOrNone(secret, "tokenSecret");
            return this;
        }

        private static Optional<String> nonBlankOrNone(String value, String field) {
            if (value != null && value.isBlank()) {
                throw new IllegalArgumentException(field + ": blank; give a value, or null (or leave it out) for none");
            }
            return Optional.ofNullable(value).map(String::strip);
        }

        public FakeImsConfig build() {
            return new FakeImsConfig(this);
        }

        private static URI normalize(URI url) {
            String text = url.toString();
            while (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            URI normalized = URI.create(text);
            if (normalized.getScheme() == null || normalized.getHost() == null) {
                throw new IllegalArgumentException("publicBaseUrls: '" + url + "' is not an absolute http(s) URL");
            }
            return normalized;
        }
    }
}

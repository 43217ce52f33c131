package io.github.fakeims.server.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsClock;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.Faults;
import io.github.fakeims.server.GeneratedCredential;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.IssuedTokens;
import io.github.fakeims.server.Journal;
import io.github.fakeims.server.JwtVerification;
import io.github.fakeims.server.internal.control.FaultSchedule;
import io.github.fakeims.server.internal.control.JournalStore;
import io.github.fakeims.server.internal.control.SettableClock;
import io.github.fakeims.server.internal.jwt.ServiceAccountJwtVerifier;
import io.github.fakeims.server.internal.token.AccessTokens;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/** The control plane of one engine: the Java API the server exposes and the admin HTTP API mirrors. */
public final class EngineControl implements FakeIms {

    private final FakeImsEngine engine;
    private final FakeImsConfig config;
    private final URI baseUrl;
    private final CredentialStore credentials;
    private final AccessTokens tokens;
    private final ServiceAccountJwtVerifier verifier;
    private final SettableClock clock;
    private final JournalStore journal;
    private final FaultSchedule faults;
    private final IssuedTokenRegistry issuedTokens;
    private final GeneratedKeys generatedKeys;
    /** Each generation runs keytool in its own process: a few at a time at most. */
    private final Semaphore generations = new Semaphore(2);

    EngineControl(FakeImsEngine engine, FakeImsConfig config, URI baseUrl, CredentialStore credentials, AccessTokens tokens,
                  ServiceAccountJwtVerifier verifier, SettableClock clock, JournalStore journal, FaultSchedule faults) {
        this.engine = engine;
        this.config = config;
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.tokens = tokens;
        this.verifier = verifier;
        this.clock = clock;
        this.journal = journal;
        this.faults = faults;
        this.issuedTokens = new IssuedTokenRegistry(tokens, credentials, clock);
        this.generatedKeys = new GeneratedKeys(credentials);
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void register(Credential credential) {
        credentials.put(Objects.requireNonNull(credential, "credential"));
    }

    @Override
    public boolean removeCredential(String clientId) {
        generatedKeys.forget(clientId);
        return credentials.remove(clientId);
    }

    @Override
    public GeneratedCredential generateCredential(String... metascopes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("metascopes", List.of(metascopes));
        fields.put("scopes", List.of("openid", "AdobeID"));
        return generateCredentialFromJson(JSONObjectUtils.toJSONString(fields));
    }

    /**
     * Generates and registers a credential from the admin API's JSON: register's fields, all optional.
     *
     * @throws IllegalArgumentException naming the field, with nothing registered
     */
    public GeneratedCredential generateCredentialFromJson(String json) {
        Map<String, Object> template = ConfigJson.generationTemplate(json);
        KeytoolKeyPairs.KeyPair keys;
        generations.acquireUninterruptibly();
        try {
            keys = KeytoolKeyPairs.generate("CN=Fake IMS credential", 365);
        } finally {
            generations.release();
        }
        Credential credential = ConfigJson.generatedCredential(template, keys.certificate());
        generatedKeys.remember(credential.clientId(), keys);
        credentials.put(credential);
        return new GeneratedCredential(credential, keys.certificate(), keys.privateKey());
    }

    /** The private keys of generated credentials (for exports); never listed by the admin API. */
    public GeneratedKeys generatedKeys() {
        return generatedKeys;
    }

    @Override
    public Optional<Credential> credential(String clientId) {
        return credentials.find(clientId);
    }

    @Override
    public List<Credential> credentials() {
        return credentials.all().stream().sorted(Comparator.comparing(Credential::clientId)).toList();
    }

    @Override
    public Credential addCertificate(String clientId, X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        return credentials.update(clientId, credential -> credential.certificates().contains(certificate) ? credential
                : credential.toBuilder().certificate(certificate).build());
    }

    @Override
    public Credential addClientSecret(String clientId, String clientSecret) {
        Objects.requireNonNull(clientSecret, "clientSecret");
        return credentials.update(clientId, credential -> credential.hasClientSecret(clientSecret) ? credential
                : credential.toBuilder().addClientSecret(clientSecret).build());
    }

    @Override
    public Credential removeClientSecret(String clientId, String clientSecret) {
        Objects.requireNonNull(clientSecret, "clientSecret");
        return credentials.update(clientId, credential -> {
            if (!credential.hasClientSecret(clientSecret)) {
                throw new NoSuchElementException("client_id " + clientId + " has no such client secret (it has "
                        + credential.clientSecrets().size() + ")");
            }
            if (credential.clientSecrets().size() == 1) {
                throw new IllegalArgumentException("clientSecret: it is the only secret of client_id " + clientId
                        + "; add the new one first, then remove the old");
            }
            return credential.toBuilder().clientSecrets(credential.clientSecrets().stream()
                    .filter(kept -> !kept.equals(clientSecret)).toList()).build();
        });
    }

    @Override
    public Credential removeCertificate(String clientId, X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        return credentials.update(clientId, credential -> {
            if (!credential.certificates().contains(certificate)) {
                throw new NoSuchElementException("client_id " + clientId + " has no certificate with SHA-256 fingerprint "
                        + Certificates.sha256Fingerprint(certificate) + "; it has " + credential.certificates().stream()
                        .map(Certificates::sha256Fingerprint).collect(Collectors.joining(", ", "[", "]")));
            }
            List<X509Certificate> kept = credential.certificates().stream().filter(kept1 -> !kept1.equals(certificate)).toList();
            return credential.toBuilder().certificates(kept).build();
        });
    }

    @Override
    public Credential convertToOAuthServerToServer(String clientId) {
        return credentials.update(clientId, credential -> {
            Credential.Builder converted = credential.toBuilder().grants(Grant.CLIENT_CREDENTIALS);
            if (credential.scopes().isEmpty()) {
                converted.scopes("openid", "AdobeID");
            }
            return converted.build();
        });
    }

    @Override
    public JwtVerification verifyServiceAccountJwt(String jwt, String clientId) {
        return engine.checkServiceAccountJwt(jwt, clientId)
                .map(error -> new JwtVerification(false, error.status(), error.error(), error.description(), error.reason()))
                .orElseGet(JwtVerification::accept);
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
        return issuedTokens;
    }

    @Override
    public void reset() {
        faults.clear();
        clock.reset();
        credentials.replaceAll(config.credentials());
        generatedKeys.retainOnly(config.credentials().stream().map(Credential::clientId).toList());
        tokens.reset();
        verifier.reset();
        journal.clear();
    }
}

package io.github.fakeims.server.internal;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsClock;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.Faults;
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
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
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
        return credentials.remove(clientId);
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
        return verifyServiceAccountJwt(jwt, clientId, Optional.empty());
    }

    /** Like {@link #verifyServiceAccountJwt(String, String)}, also accepting the base URL an admin client addressed. */
    public JwtVerification verifyServiceAccountJwt(String jwt, String clientId, Optional<String> addressedBaseUrl) {
        return engine.checkServiceAccountJwt(jwt, clientId, addressedBaseUrl)
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
        tokens.reset();
        verifier.reset();
        journal.clear();
    }
}

package io.github.fakeims.server.internal.control;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.CredentialFileFormat;
import io.github.fakeims.server.CredentialFiles;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsClock;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.Faults;
import io.github.fakeims.server.GeneratedCredential;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.IssuedTokens;
import io.github.fakeims.server.Journal;
import io.github.fakeims.server.JwtVerification;
import io.github.fakeims.server.internal.config.ConfigJson;
import io.github.fakeims.server.internal.core.Certificates;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.core.PrivateKeyPem;
import io.github.fakeims.server.internal.credential.ClientAuthenticator;
import io.github.fakeims.server.internal.credential.CredentialStore;
import io.github.fakeims.server.internal.jwt.AcceptedBaseUrls;
import io.github.fakeims.server.internal.jwt.ServiceAccountJwtVerifier;
import io.github.fakeims.server.internal.keys.FakeMadeKeys;
import io.github.fakeims.server.internal.keys.KeytoolKeyPairs;
import io.github.fakeims.server.internal.token.AccessTokens;
import io.github.fakeims.server.internal.token.IssuedTokenRegistry;
import java.net.URI;
import java.security.PrivateKey;
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

    private final ClientAuthenticator authenticator;
    private final AcceptedBaseUrls baseUrls;
    private final FakeImsConfig config;
    private final URI baseUrl;
    private final CredentialStore credentials;
    private final AccessTokens tokens;
    private final ServiceAccountJwtVerifier verifier;
    private final SettableClock clock;
    private final JournalStore journal;
    private final FaultSchedule faults;
    private final IssuedTokenRegistry issuedTokens;
    private final FakeMadeKeys keys;
    private final Optional<URI> httpsUrl;
    /** Each generation runs keytool in its own process: a few at a time at most. */
    private final Semaphore generations = new Semaphore(2);

    public EngineControl(FakeImsConfig config, URI baseUrl, CredentialStore credentials, ClientAuthenticator authenticator,
                         AccessTokens tokens, ServiceAccountJwtVerifier verifier, AcceptedBaseUrls baseUrls, SettableClock clock,
                         JournalStore journal, FaultSchedule faults, FakeMadeKeys keys, Optional<URI> httpsUrl) {
        this.authenticator = authenticator;
        this.baseUrls = baseUrls;
        this.keys = keys;
        this.httpsUrl = httpsUrl;
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
        keys.forget(clientId);
        return credentials.remove(clientId);
    }

    /** The private keys the fake holds; {@code generate} remembers the keys it makes here. */
    public FakeMadeKeys keys() {
        return keys;
    }

    @Override
    public String exportCredential(String clientId, CredentialFileFormat format) {
        return exportCredential(clientId, format, Optional.empty());
    }

    /**
     * {@code addressedHttps}: the {@code host:port} an HTTPS client used to ask (its {@code Host} header), which
     * an AEM file names as {@code imsEndpoint} before the public URLs and the listener: it is where that client
     * reaches the fake (a container's mapped port, a proxy).
     */
    public String exportCredential(String clientId, CredentialFileFormat format, Optional<String> addressedHttps) {
        Credential credential = credentials.find(clientId).orElseThrow(() -> new NoSuchElementException("no credential has client_id " + clientId));
        Optional<PrivateKey> key = keys.find(clientId)
                .filter(held -> credential.certificates().stream().anyMatch(certificate -> PrivateKeyPem.matches(held, certificate)));
        String why = keys.find(clientId).isPresent()
                ? "the private key the fake holds for client_id " + clientId + " belongs to none of its certificates any more"
                : "the fake does not hold the private key of client_id " + clientId + " (it did not make it: the credential was "
                + "registered with a certificate only)";
        return switch (format) {
            case AEM_SERVICE_CREDENTIALS -> {
                // A public https URL (a proxy, a container's mapped port) is where clients reach the fake; else the listener.
                URI https = addressedHttps.map(authority -> URI.create("https://" + authority))
                        .or(() -> config.publicBaseUrls().stream().filter(url -> url.getScheme().equalsIgnoreCase("https")).findFirst())
                        .or(() -> httpsUrl).orElseThrow(() -> new IllegalStateException("aem-service-credentials: AEM's clients call "
                        + "https://<imsEndpoint>, and this fake has no HTTPS listener; start it with --https-port (httpsPort)"));
                yield CredentialFiles.aemServiceCredentials(credential, key.orElseThrow(() -> new IllegalStateException(
                        "aem-service-credentials: the file carries the private key, and " + why)), https.getRawAuthority());
            }
            case CONSOLE_WORKSPACE -> CredentialFiles.consoleWorkspace(credential, CredentialFiles.ConsoleIds.derivedFrom(clientId));
            case AIO_PROPERTIES -> {
                if (credential.allows(Grant.JWT_EXCHANGE) && key.isEmpty()) {
                    throw new IllegalStateException("aio-properties: a Service Account credential's properties carry the private key "
                            + "(aio_encoded_pkcs8), and " + why);
                }
                yield CredentialFiles.aioProperties(credential, baseUrl, key, CredentialFiles.ConsoleIds.derivedFrom(clientId));
            }
        };
    }

    @Override
    public List<Credential> importCredentials(String file, Optional<CredentialFileFormat> format) {
        CredentialFiles.Imported imported = format.map(given -> CredentialFiles.read(file, given)).orElseGet(() -> CredentialFiles.read(file));
        for (Credential credential : imported.credentials()) {
            credentials.put(credential);
            keys.forget(credential.clientId());
        }
        imported.privateKeys().forEach(keys::remember);
        return imported.credentials();
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
        KeytoolKeyPairs.KeyPair made;
        generations.acquireUninterruptibly();
        try {
            made = KeytoolKeyPairs.generate("CN=Fake IMS credential", 365);
        } finally {
            generations.release();
        }
        Credential credential = ConfigJson.generatedCredential(template, made.certificate());
        credentials.put(credential);
        keys.remember(credential.clientId(), made.privateKey()); // for exports; never listed by the admin API
        return new GeneratedCredential(credential, made.certificate(), made.privateKey());
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
        return verifyServiceAccountJwt(jwt, clientId, Optional.empty());
    }

    /** Like {@link #verifyServiceAccountJwt(String, String)}, also accepting the base URL an admin client addressed. */
    public JwtVerification verifyServiceAccountJwt(String jwt, String clientId, Optional<String> addressedBaseUrl) {
        return checkServiceAccountJwt(jwt, clientId, addressedBaseUrl)
                .map(error -> new JwtVerification(false, error.status(), error.error(), error.description(), error.reason()))
                .orElseGet(JwtVerification::accept);
    }

    /**
     * The exchange's JWT checks for one client, without HTTP, secret or token: a dry run that leaves
     * no {@code jti} used. The {@code aud} may name any base URL accepted without a {@code Host} header,
     * and the one the caller addressed, if it came over HTTP (the admin API).
     */
    private Optional<ImsError> checkServiceAccountJwt(String jwt, String clientId, Optional<String> addressedBaseUrl) {
        try {
            SignedJWT parsed = verifier.parse(jwt);
            Credential credential = ClientAuthenticator.checkGrant(authenticator.identify(clientId), Grant.JWT_EXCHANGE);
            verifier.verify(parsed, credential, clientId, baseUrls.forAddress(addressedBaseUrl), false);
            return Optional.empty();
        } catch (ImsRejection rejection) {
            return Optional.of(rejection.error());
        }
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
        keys.reset();
    }
}

package io.github.fakeims.server;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A fake IMS running elsewhere (a {@code java -jar} process, a container), driven through its admin
 * HTTP API with the same Java types as an in-process {@link FakeImsServer}.
 *
 * <pre>{@code
 * FakeIms ims = FakeImsAdminClient.connect(URI.create("http://localhost:8080"));
 * ims.faults().add(Fault.tooManyRequests(Duration.ofSeconds(3)).on(ImsEndpoint.TOKEN).times(2));
 * }</pre>
 *
 * Bad input fails as in-process ({@link IllegalArgumentException}, {@link NoSuchElementException}, with
 * the fake's message); an unreachable fake, a wrong admin token or an admin API turned off fail with
 * {@link FakeImsAdminException}. Its {@link #clock()} is read without a round trip: it follows what this
 * client last heard of the fake's clock (see {@link FakeImsClock#refresh()}).
 */
public final class FakeImsAdminClient implements FakeIms {

    private final FakeImsImplementation.Remote remote;

    private FakeImsAdminClient(URI baseUrl, Optional<String> adminToken, Optional<SSLContext> tls) {
        this.remote = Implementation.get().connect(baseUrl, adminToken, tls);
    }

    /** A client for the fake at {@code baseUrl}, whose admin API needs no token. */
    public static FakeImsAdminClient connect(URI baseUrl) {
        return new FakeImsAdminClient(baseUrl, Optional.empty(), Optional.empty());
    }

    /** A client for the fake at {@code baseUrl} that sends {@code Authorization: Bearer adminToken}. */
    public static FakeImsAdminClient connect(URI baseUrl, String adminToken) {
        return new FakeImsAdminClient(baseUrl, Optional.of(adminToken), Optional.empty());
    }

    /**
     * A client for a fake reached over HTTPS whose certificate {@code tls} trusts (e.g.
     * {@link FakeImsTls#clientSslContext()}); {@code adminToken} may be {@code null}.
     */
    public static FakeImsAdminClient connect(URI baseUrl, String adminToken, SSLContext tls) {
        return new FakeImsAdminClient(baseUrl, Optional.ofNullable(adminToken), Optional.of(tls));
    }

    @Override
    public URI baseUrl() {
        return remote.baseUrl();
    }

    /** Whether {@code /fake-ims/health} answers UP. */
    public boolean isHealthy() {
        return remote.isHealthy();
    }

    @Override
    public void register(Credential credential) {
        remote.register(credential);
    }

    @Override
    public boolean removeCredential(String clientId) {
        return remote.removeCredential(clientId);
    }

    @Override
    public Optional<Credential> credential(String clientId) {
        return remote.credential(clientId);
    }

    @Override
    public GeneratedCredential generateCredential(String... metascopes) {
        return remote.generateCredential(metascopes);
    }

    @Override
    public List<Credential> credentials() {
        return remote.credentials();
    }

    @Override
    public Credential addCertificate(String clientId, X509Certificate certificate) {
        return remote.addCertificate(clientId, certificate);
    }

    @Override
    public Credential removeCertificate(String clientId, X509Certificate certificate) {
        return remote.removeCertificate(clientId, certificate);
    }

    @Override
    public Credential addClientSecret(String clientId, String clientSecret) {
        return remote.addClientSecret(clientId, clientSecret);
    }

    @Override
    public Credential removeClientSecret(String clientId, String clientSecret) {
        return remote.removeClientSecret(clientId, clientSecret);
    }

    @Override
    public Credential convertToOAuthServerToServer(String clientId) {
        return remote.convertToOAuthServerToServer(clientId);
    }

    @Override
    public JwtVerification verifyServiceAccountJwt(String jwt, String clientId) {
        return remote.verifyServiceAccountJwt(jwt, clientId);
    }

    @Override
    public String exportCredential(String clientId, CredentialFileFormat format) {
        return remote.exportCredential(clientId, format);
    }

    @Override
    public List<Credential> importCredentials(String file, Optional<CredentialFileFormat> format) {
        return remote.importCredentials(file, format);
    }

    @Override
    public Journal journal() {
        return remote.journal();
    }

    @Override
    public Faults faults() {
        return remote.faults();
    }

    @Override
    public FakeImsClock clock() {
        return remote.clock();
    }

    @Override
    public IssuedTokens issuedTokens() {
        return remote.issuedTokens();
    }

    @Override
    public void reset() {
        remote.reset();
    }

    @Override
    public String toString() {
        return "FakeImsAdminClient{" + baseUrl() + "}";
    }
}

package io.github.fakeims.server;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** The public faces' one forwarding of {@link FakeIms} to what the implementation returned for them. */
abstract class ForwardingFakeIms implements FakeIms {

    private final FakeIms delegate;

    ForwardingFakeIms(FakeIms delegate) {
        this.delegate = delegate;
    }

    @Override
    public URI baseUrl() {
        return delegate.baseUrl();
    }

    @Override
    public void register(Credential credential) {
        delegate.register(credential);
    }

    @Override
    public boolean removeCredential(String clientId) {
        return delegate.removeCredential(clientId);
    }

    @Override
    public Optional<Credential> credential(String clientId) {
        return delegate.credential(clientId);
    }

    @Override
    public GeneratedCredential generateCredential(String... metascopes) {
        return delegate.generateCredential(metascopes);
    }

    @Override
    public List<Credential> credentials() {
        return delegate.credentials();
    }

    @Override
    public Credential addCertificate(String clientId, X509Certificate certificate) {
        return delegate.addCertificate(clientId, certificate);
    }

    @Override
    public Credential removeCertificate(String clientId, X509Certificate certificate) {
        return delegate.removeCertificate(clientId, certificate);
    }

    @Override
    public Credential addClientSecret(String clientId, String clientSecret) {
        return delegate.addClientSecret(clientId, clientSecret);
    }

    @Override
    public Credential removeClientSecret(String clientId, String clientSecret) {
        return delegate.removeClientSecret(clientId, clientSecret);
    }

    @Override
    public Credential convertToOAuthServerToServer(String clientId) {
        return delegate.convertToOAuthServerToServer(clientId);
    }

    @Override
    public JwtVerification verifyServiceAccountJwt(String jwt, String clientId) {
        return delegate.verifyServiceAccountJwt(jwt, clientId);
    }

    @Override
    public String exportCredential(String clientId, CredentialFileFormat format) {
        return delegate.exportCredential(clientId, format);
    }

    @Override
    public List<Credential> importCredentials(String file, Optional<CredentialFileFormat> format) {
        return delegate.importCredentials(file, format);
    }

    @Override
    public Journal journal() {
        return delegate.journal();
    }

    @Override
    public Faults faults() {
        return delegate.faults();
    }

    @Override
    public FakeImsClock clock() {
        return delegate.clock();
    }

    @Override
    public IssuedTokens issuedTokens() {
        return delegate.issuedTokens();
    }

    @Override
    public void reset() {
        delegate.reset();
    }
}

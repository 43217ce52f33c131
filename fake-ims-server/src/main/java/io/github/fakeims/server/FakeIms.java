package io.github.fakeims.server;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A fake IMS to drive and look inside, wherever it runs: {@link FakeImsServer} in this JVM, or
 * {@link FakeImsAdminClient} for one reached over HTTP (a jar, a container). Both behave the same;
 * failures of the remote one are {@link FakeImsAdminException}s.
 */
public interface FakeIms {

    /** The URL to point IMS clients at, without trailing slash. */
    URI baseUrl();

    /** Registers a credential, replacing any with the same client id. */
    void register(Credential credential);

    /** Removes a credential; tokens issued to it no longer validate. {@code false} if there was none. */
    boolean removeCredential(String clientId);

    Optional<Credential> credential(String clientId);

    /**
     * Makes and registers a credential as the Developer Console's "Generate a key pair" does: random
     * Console-shaped ids and secret, an RSA-2048 key pair with a self-signed certificate (a year), these
     * metascopes, the scopes {@code openid} and {@code AdobeID}, both grants. Takes about a second. The fake
     * remembers the private key while the credential exists (so it can export the credential); it never
     * lists it.
     */
    GeneratedCredential generateCredential(String... metascopes);

    /** The registered credentials, ordered by client id. */
    List<Credential> credentials();

    /**
     * Adds a certificate to a credential (key rotation: JWTs signed by either key are accepted).
     *
     * @return the credential as it is now
     * @throws java.util.NoSuchElementException when no credential has this client id
     */
    Credential addCertificate(String clientId, X509Certificate certificate);

    /**
     * Removes a certificate from a credential; JWTs signed with its key are refused from now on.
     *
     * @throws IllegalArgumentException when it is the last certificate of a credential allowed the JWT exchange
     * @throws java.util.NoSuchElementException when no credential has this client id, or it has no such certificate
     */
    Credential removeCertificate(String clientId, X509Certificate certificate);

    /**
     * Adds a client secret to a credential (rotation: both secrets work until one is removed). The
     * Developer Console allows {@value Credential#MAX_CLIENT_SECRETS} per credential.
     *
     * @return the credential as it is now
     * @throws IllegalArgumentException when the credential has two secrets already, or the secret is blank
     * @throws java.util.NoSuchElementException when no credential has this client id
     */
    Credential addClientSecret(String clientId, String clientSecret);

    /**
     * Removes a client secret; requests with it get 400 {@code invalid_client} from now on.
     *
     * @throws IllegalArgumentException when it is the credential's only secret
     * @throws java.util.NoSuchElementException when no credential has this client id, or it has no such secret
     */
    Credential removeClientSecret(String clientId, String clientSecret);

    /**
     * Converts a Service Account (JWT) credential to OAuth Server-to-Server, as the Developer Console's
     * migration does: same ids and secret, only the {@code client_credentials} grant from now on (a JWT
     * exchange fails with 401 {@code invalid_client}). A credential without scopes gets {@code openid}
     * and {@code AdobeID}.
     *
     * @throws java.util.NoSuchElementException when no credential has this client id
     */
    Credential convertToOAuthServerToServer(String clientId);

    /**
     * Checks a Service Account JWT as {@code POST /ims/exchange/jwt} would for {@code clientId} (every rule
     * but the client secret) without issuing a token or using up its {@code jti}.
     */
    JwtVerification verifyServiceAccountJwt(String jwt, String clientId);

    /**
     * One credential as a file Adobe hands out ({@link CredentialFileFormat}), for code that loads such files.
     * AEM's service credentials (and aio-lib-java properties of a Service Account credential) carry the
     * private key, so they exist only for credentials whose key the fake holds (it made it, or was given it).
     *
     * @throws java.util.NoSuchElementException when no credential has this client id
     * @throws IllegalStateException when the format needs a private key (or an HTTPS listener) the fake does not have, saying which
     */
    String exportCredential(String clientId, CredentialFileFormat format);

    /**
     * Registers the credentials of an AEM service credentials file, a Console workspace JSON or aio-lib-java
     * properties (the format recognized by the content unless given), replacing any with the same client ids.
     * A private key in the file is kept for later exports. All or nothing.
     *
     * @return the credentials registered
     * @throws IllegalArgumentException naming the missing or malformed field; then nothing is registered
     */
    List<Credential> importCredentials(String file, Optional<CredentialFileFormat> format);

    /** {@link #importCredentials(String, Optional)}, the format recognized by the content. */
    default List<Credential> importCredentials(String file) {
        return importCredentials(file, Optional.empty());
    }

    /** Every IMS request received, with its outcome. */
    Journal journal();

    /** Scripted failures for the next calls. */
    Faults faults();

    /** The one clock all time-based checks read. */
    FakeImsClock clock();

    /** The access tokens issued. */
    IssuedTokens issuedTokens();

    /**
     * Back to the configured state: the configured credentials only, an empty journal, no faults, the
     * configured clock, and every token issued so far refused (as if from another IMS).
     */
    void reset();
}

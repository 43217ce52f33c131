package io.github.fakeims.junit;

import io.github.fakeims.junit.internal.ExtensionConfig;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.CredentialFiles;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.ServiceAccountJwts;
import java.util.function.Function;
import java.net.URI;
import java.security.SecureRandom;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A credential as the developer holds it, like an Adobe Developer Console project shows it: the ids,
 * the secret, the private key and its certificate, the granted metascopes and scopes, and the IMS URL
 * it talks to (the fake's). The fake has the matching {@link Credential} registered.
 */
public final class DeveloperCredential {

    private final Credential credential;
    private final SelfSignedCertificate certificate;
    private final URI imsUrl;
    private final String consumerOrgId;
    private final String projectId;
    private final String workspaceId;
    private final String credentialId;
    private final Clock clock;

    private DeveloperCredential(Credential credential, SelfSignedCertificate certificate, URI imsUrl, Clock clock,
                                String consumerOrgId, String projectId, String workspaceId, String credentialId) {
        this.credential = credential;
        this.clock = clock;
        this.certificate = certificate;
        this.imsUrl = imsUrl;
        this.consumerOrgId = consumerOrgId;
        this.projectId = projectId;
        this.workspaceId = workspaceId;
        this.credentialId = credentialId;
    }

    /**
     * Makes another throwaway credential, e.g. a second client in one test:
     * {@code DeveloperCredential.builder().metascopes("ent_user_sdk").registerOn(fake)}.
     */
    public static Builder builder() {
        return new Builder();
    }

    public String clientId() { return credential.clientId(); }

    public String clientSecret() { return credential.clientSecret(); }

    /** {@code XXXX@AdobeOrg}. */
    public String orgId() { return credential.orgId(); }

    /** {@code XXXX@techacct.adobe.com}. */
    public String technicalAccountId() { return credential.technicalAccountId(); }

    /** Metascope codes, e.g. {@code ent_analytics_bulk_ingest_sdk}. */
    public Set<String> metascopes() { return credential.metascopes(); }

    /** OAuth Server-to-Server scopes. */
    public Set<String> scopes() { return credential.scopes(); }

    public Set<Grant> grants() { return credential.grants(); }

    /** The IMS base URL this credential's clients must use: the fake's. */
    public URI imsUrl() { return imsUrl; }

    public String consumerOrgId() { return consumerOrgId; }

    public String projectId() { return projectId; }

    public String workspaceId() { return workspaceId; }

    public String credentialId() { return credentialId; }

    public PrivateKey privateKey() { return certificate.privateKey(); }

    public X509Certificate certificate() { return certificate.certificate(); }

    public String certificatePem() { return certificate.certificatePem(); }

    public String privateKeyPem() { return certificate.privateKeyPem(); }

    /** Base64 PKCS#8 DER of the private key: aio-lib-java's {@code aio_encoded_pkcs8}. */
    public String encodedPkcs8() { return certificate.privateKeyBase64(); }

    /** The key material: key pair, certificate, PEM forms. */
    public SelfSignedCertificate keys() { return certificate; }

    /** What the fake has registered for this credential. */
    public Credential registered() { return credential; }

    /**
     * The credential in aio-lib-java's configuration keys ({@code aio_ims_url}, {@code aio_api_key},
     * {@code aio_client_secret}, {@code aio_meta_scopes} with the {@code /s/} prefix, {@code aio_encoded_pkcs8}, …),
     * as {@code Workspace.builder().configMap(...)} and {@code .properties(...)} read them.
     */
    public Map<String, String> aioConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("aio_ims_url", imsUrl.toString());
        config.put("aio_ims_org_id", orgId());
        config.put("aio_api_key", clientId());
        config.put("aio_client_secret", clientSecret());
        config.put("aio_technical_account_id", technicalAccountId());
        config.put("aio_meta_scopes", metascopes().stream().sorted().map(code -> "/s/" + code).collect(Collectors.joining(",")));
        config.put("aio_encoded_pkcs8", encodedPkcs8());
        config.put("aio_oauth_scopes", scopes().stream().sorted().collect(Collectors.joining(",")));
        config.put("aio_consumer_org_id", consumerOrgId);
        config.put("aio_project_id", projectId);
        config.put("aio_workspace_id", workspaceId);
        config.put("aio_credential_id", credentialId);
        return config;
    }

    /** {@link #aioConfig()} as {@link Properties}. */
    public Properties aioProperties() {
        Properties properties = new Properties();
        properties.putAll(aioConfig());
        return properties;
    }

    /**
     * This credential as AEM as a Cloud Service's "service credentials" JSON, as AEM's Developer Console hands it
     * out: {@code integration.imsEndpoint} is {@link #imsUrl()}'s {@code host:port} (AEM's clients call
     * {@code https://<imsEndpoint>}, so use it with an HTTPS fake: {@code @AdobeImsTest(https = true)}),
     * {@code metascopes} one comma-separated string, the private key PKCS#1 and the certificate, CRLF line breaks.
     */
    public String aemServiceCredentialsJson() {
        return CredentialFiles.aemServiceCredentials(credential, privateKey(), imsUrl.getRawAuthority());
    }

    /**
     * This credential as the Developer Console's project/workspace JSON ({@code aio app use} reads it), with this
     * credential's project, workspace and credential ids; a {@code service} (JWT) and/or an
     * {@code oauth_server_to_server} entry as its grants allow.
     */
    public String consoleWorkspaceJson() {
        return CredentialFiles.consoleWorkspace(credential, new CredentialFiles.ConsoleIds(consumerOrgId, projectId, workspaceId, credentialId));
    }

    /**
     * A Service Account JWT as the Developer Console's "Generate JWT" makes it: every metascope,
     * {@code aud} and metascope keys on {@link #imsUrl()}, expiring in 24 hours by the fake's clock (so it
     * stays acceptable after the test moves that clock).
     */
    public String signJwt() {
        return signJwt(Duration.ofHours(24));
    }

    /** Like {@link #signJwt()}, expiring after {@code lifetime} by the fake's clock. */
    public String signJwt(Duration lifetime) {
        return ServiceAccountJwts.consoleStyle(credential, imsUrl, privateKey(), clock.instant().plus(lifetime));
    }

    @Override
    public String toString() {
        return "DeveloperCredential{clientId=" + clientId() + ", orgId=" + orgId() + ", technicalAccountId="
                + technicalAccountId() + ", imsUrl=" + imsUrl + ", metascopes=" + metascopes() + ", scopes=" + scopes() + "}";
    }

    /** Builds and registers a {@link DeveloperCredential}; each setter says its default. */
    public static final class Builder {
        private static final SecureRandom RANDOM = new SecureRandom();

        private List<String> metascopes = ExtensionConfig.DEFAULT_METASCOPES;
        private List<String> scopes = ExtensionConfig.DEFAULT_SCOPES;
        private Set<Grant> grants = Set.of(Grant.values());
        private boolean jtiRequired;
        private SelfSignedCertificate keys;

        private Builder() {
        }

        /** Default {@code ent_analytics_bulk_ingest_sdk}. */
        public Builder metascopes(Collection<String> codes) {
            this.metascopes = List.copyOf(codes);
            return this;
        }

        public Builder metascopes(String... codes) {
            return metascopes(List.of(codes));
        }

        /** Default {@code openid, AdobeID, read_organizations}. */
        public Builder scopes(Collection<String> scopes) {
            this.scopes = List.copyOf(scopes);
            return this;
        }

        public Builder scopes(String... scopes) {
            return scopes(List.of(scopes));
        }

        /** Default both grants. */
        public Builder grants(Collection<Grant> grants) {
            this.grants = Set.copyOf(grants);
            return this;
        }

        public Builder grants(Grant... grants) {
            return grants(List.of(grants));
        }

        /** Default {@code false}. */
        public Builder jtiRequired(boolean jtiRequired) {
            this.jtiRequired = jtiRequired;
            return this;
        }

        /** Default {@link SelfSignedCertificate#create()}; pass a variant (expired, another key) to test failures. */
        public Builder keys(SelfSignedCertificate keys) {
            this.keys = keys;
            return this;
        }

        /**
         * Random Console-shaped ids ({@link Credential.Builder#randomIds()}); registers the credential with its
         * certificate on {@code fake} (in-process, or remote through {@code FakeImsAdminClient}).
         */
        public DeveloperCredential registerOn(FakeIms fake) {
            return register(certificate(Optional.of(fake.clock().asClock())), credential -> {
                fake.register(credential);
                return fake;
            });
        }

        /**
         * Like {@link #registerOn}, for a fake you start yourself with the credential in its configuration
         * (so {@link FakeIms#reset()} keeps it): {@code registerVia} hands you the credential and takes the
         * fake that knows it (whose URL and clock the credential then uses).
         */
        public DeveloperCredential registerVia(Function<Credential, ? extends FakeIms> register) {
            return register(certificate(Optional.empty()), register);
        }

        /**
         * The given keys, else a certificate of its own valid from an hour ago by the fake's clock: the one made
         * ahead in the background unless that clock was moved away from the system's.
         */
        private SelfSignedCertificate certificate(Optional<Clock> fakeClock) {
            if (keys != null) {
                return keys;
            }
            return fakeClock.filter(clock -> Duration.between(Instant.now(), clock.instant()).abs().compareTo(Duration.ofMinutes(1)) > 0)
                    .map(clock -> SelfSignedCertificate.builder().clock(clock).build())
                    .orElseGet(SelfSignedCertificate::create);
        }

        private DeveloperCredential register(SelfSignedCertificate certificate, Function<Credential, ? extends FakeIms> register) {
            Credential credential = Credential.builder()
                    .randomIds()
                    .certificate(certificate.certificate())
                    .metascopes(metascopes)
                    .scopes(scopes)
                    .grants(grants)
                    .jtiRequired(jtiRequired)
                    .build();
            FakeIms fake = register.apply(credential);
            return new DeveloperCredential(credential, certificate, fake.baseUrl(), fake.clock().asClock(),
                    digits(), digits(), digits(), digits());
        }

        private static String digits() {
            return Long.toString(1_000_000_000_000L + Math.floorMod(RANDOM.nextLong(), 9_000_000_000_000L));
        }
    }
}

package io.github.fakeims.server;

import com.nimbusds.jose.util.X509CertUtils;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An Adobe Developer Console credential as IMS knows it: the client id and secret, the organization
 * and technical account it is bound to, the certificates whose keys may sign JWTs (several, for
 * rotation), the metascopes (Service Account) and scopes (OAuth Server-to-Server) it was granted, and
 * which grants it may use. Immutable; build one with {@link #builder()}.
 */
public final class Credential {

    private final String clientId;
    /** The Console allows up to two client secrets per OAuth Server-to-Server credential, for rotation. */
    public static final int MAX_CLIENT_SECRETS = 2;

    private final List<String> clientSecrets;
    private final String orgId;
    private final String technicalAccountId;
    private final List<X509Certificate> certificates;
    private final Set<String> metascopes;
    private final Set<String> scopes;
    private final Set<Grant> grants;
    private final boolean jtiRequired;

    private Credential(Builder builder) {
        this.clientId = required(builder.clientId, "clientId");
        if (builder.clientSecrets.isEmpty()) {
            throw new IllegalArgumentException("clientSecret: required, and must not be blank");
        }
        for (String secret : builder.clientSecrets) {
            required(secret, "clientSecrets");
        }
        if (builder.clientSecrets.size() > MAX_CLIENT_SECRETS) {
            throw new IllegalArgumentException("clientSecrets: at most " + MAX_CLIENT_SECRETS
                    + " per credential, as the Developer Console allows; this one has " + builder.clientSecrets.size());
        }
        this.clientSecrets = List.copyOf(builder.clientSecrets);
        this.orgId = required(builder.orgId, "orgId");
        this.technicalAccountId = required(builder.technicalAccountId, "technicalAccountId");
        this.certificates = List.copyOf(builder.certificates);
        this.metascopes = Set.copyOf(builder.metascopes);
        this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(builder.scopes)); // in the given order, as in a token's scope
        this.grants = builder.grants.isEmpty() ? Set.of(Grant.values()) : Set.copyOf(builder.grants);
        this.jtiRequired = builder.jtiRequired;
        if (!orgId.endsWith("@AdobeOrg")) {
            throw new IllegalArgumentException("orgId: '" + orgId + "' must end with @AdobeOrg");
        }
        if (grants.contains(Grant.JWT_EXCHANGE) && certificates.isEmpty()) {
            throw new IllegalArgumentException("certificates: a credential allowed the jwt_exchange grant needs at least one certificate");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this credential's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder()
                .clientId(clientId)
                .clientSecrets(clientSecrets)
                .orgId(orgId)
                .technicalAccountId(technicalAccountId)
                .metascopes(metascopes)
                .scopes(scopes)
                .grants(grants)
                .jtiRequired(jtiRequired);
        certificates.forEach(builder::certificate);
        return builder;
    }

    public String clientId() { return clientId; }

    /** The first of its client secrets (the one a client is usually given). */
    public String clientSecret() { return clientSecrets.get(0); }

    /** Every client secret that authenticates the client (one or two; during rotation both work), oldest first. */
    public List<String> clientSecrets() { return clientSecrets; }

    /** Whether {@code secret} is one of its client secrets. */
    public boolean hasClientSecret(String secret) { return clientSecrets.contains(secret); }

    /** The organization, {@code XXXX@AdobeOrg}: the JWT's {@code iss}. */
    public String orgId() { return orgId; }

    /** The technical account, {@code XXXX@techacct.adobe.com}: the JWT's {@code sub}. */
    public String technicalAccountId() { return technicalAccountId; }

    public List<X509Certificate> certificates() { return certificates; }

    /** Metascope codes without prefix, e.g. {@code ent_analytics_bulk_ingest_sdk}. */
    public Set<String> metascopes() { return metascopes; }

    /** OAuth Server-to-Server scopes, e.g. {@code openid}, {@code AdobeID}. */
    public Set<String> scopes() { return scopes; }

    public Set<Grant> grants() { return grants; }

    /** Whether a JWT must carry a {@code jti} never seen before for this credential. */
    public boolean jtiRequired() { return jtiRequired; }

    public boolean allows(Grant grant) {
        return grants.contains(grant);
    }

    /** Equal when every field is, certificates in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Credential that && clientId.equals(that.clientId) && clientSecrets.equals(that.clientSecrets)
                && orgId.equals(that.orgId) && technicalAccountId.equals(that.technicalAccountId)
                && certificates.equals(that.certificates) && metascopes.equals(that.metascopes) && scopes.equals(that.scopes)
                && grants.equals(that.grants) && jtiRequired == that.jtiRequired;
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, clientSecrets, orgId, technicalAccountId, certificates, metascopes, scopes, grants, jtiRequired);
    }

    @Override
    public String toString() {
        return "Credential{clientId=" + clientId + ", orgId=" + orgId + ", technicalAccountId=" + technicalAccountId
                + ", certificates=" + certificates.size() + ", metascopes=" + metascopes + ", scopes=" + scopes
                + ", grants=" + grants + ", jtiRequired=" + jtiRequired + "}";
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": required, and must not be blank");
        }
        return value;
    }

    /** Builds a {@link Credential}. Every field but the certificates (for OAuth-only credentials), scopes and metascopes is required. */
    public static final class Builder {
        private static final SecureRandom RANDOM = new SecureRandom();

        private String clientId;
        private final Set<String> clientSecrets = new LinkedHashSet<>();
        private String orgId;
        private String technicalAccountId;
        private final List<X509Certificate> certificates = new ArrayList<>();
        private final Set<String> metascopes = new LinkedHashSet<>();
        private final Set<String> scopes = new LinkedHashSet<>();
        private final Set<Grant> grants = EnumSet.noneOf(Grant.class);
        private boolean jtiRequired;

        private Builder() {
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The client secret; replaces any set before (see {@link #clientSecrets} for two). */
        public Builder clientSecret(String clientSecret) {
            this.clientSecrets.clear();
            this.clientSecrets.add(clientSecret);
            return this;
        }

        /** Every client secret, at most {@value #MAX_CLIENT_SECRETS} (both work, as during rotation); replaces any set before. */
        public Builder clientSecrets(Collection<String> clientSecrets) {
            this.clientSecrets.clear();
            this.clientSecrets.addAll(clientSecrets);
            return this;
        }

        /** One more client secret, beside those set before. */
        public Builder addClientSecret(String clientSecret) {
            this.clientSecrets.add(clientSecret);
            return this;
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder technicalAccountId(String technicalAccountId) {
            this.technicalAccountId = technicalAccountId;
            return this;
        }

        /**
         * Fresh random ids shaped like the Developer Console's: a 32-hex client id, a {@code p8e-} secret,
         * {@code XXXX@AdobeOrg} and {@code XXXX@techacct.adobe.com}; so credentials made in parallel never collide.
         */
        public Builder randomIds() {
            return clientId(hex(16))
                    .clientSecret("p8e-" + hex(16))
                    .orgId(hex(12).toUpperCase(Locale.ROOT) + "@AdobeOrg")
                    .technicalAccountId(hex(12).toUpperCase(Locale.ROOT) + "@techacct.adobe.com");
        }

        private static String hex(int bytes) {
            byte[] random = new byte[bytes];
            RANDOM.nextBytes(random);
            return HexFormat.of().formatHex(random);
        }

        /** Adds a certificate whose public key may verify this credential's JWTs. */
        public Builder certificate(X509Certificate certificate) {
            certificates.add(Objects.requireNonNull(certificate, "certificate"));
            return this;
        }

        /** Replaces the certificates with these. */
        public Builder certificates(Collection<X509Certificate> certificates) {
            this.certificates.clear();
            certificates.forEach(this::certificate);
            return this;
        }

        /** Adds a certificate given as PEM text ({@code -----BEGIN CERTIFICATE-----…}). */
        public Builder certificatePem(String pem) {
            X509Certificate certificate = X509CertUtils.parse(pem);
            if (certificate == null) {
                throw new IllegalArgumentException("certificates: not a PEM-encoded X.509 certificate");
            }
            return certificate(certificate);
        }

        /** Adds metascope codes; a leading {@code /s/} (as aio-lib-java writes them) is removed. */
        public Builder metascopes(Collection<String> codes) {
            codes.forEach(code -> metascopes.add(stripMetascopePrefix(code)));
            return this;
        }

        public Builder metascopes(String... codes) {
            return metascopes(List.of(codes));
        }

        public Builder scopes(Collection<String> scopes) {
            scopes.forEach(scope -> this.scopes.add(scope.trim()));
            return this;
        }

        public Builder scopes(String... scopes) {
            return scopes(List.of(scopes));
        }

        /** The grants this credential may use; when none is given, both are allowed. */
        public Builder grants(Collection<Grant> grants) {
            this.grants.clear();
            this.grants.addAll(grants);
            return this;
        }

        public Builder grants(Grant... grants) {
            return grants(List.of(grants));
        }

        public Builder jtiRequired(boolean jtiRequired) {
            this.jtiRequired = jtiRequired;
            return this;
        }

        public Credential build() {
            return new Credential(this);
        }

        private static String stripMetascopePrefix(String code) {
            String trimmed = code.trim();
            return trimmed.startsWith("/s/") ? trimmed.substring(3) : trimmed;
        }
    }
}

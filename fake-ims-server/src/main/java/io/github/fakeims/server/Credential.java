package io.github.fakeims.server;

import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.internal.core.Certificates;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
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
import java.util.regex.Pattern;

/**
 * An Adobe Developer Console credential as IMS knows it: the client id and secret, the organization
 * and technical account it is bound to, the certificates whose keys may sign JWTs (several, for
 * rotation), the metascopes (Service Account) and scopes (OAuth Server-to-Server) it was granted, and
 * which grants it may use. Immutable; build one with {@link #builder()}.
 */
public final class Credential {

    /** Ids are addressed in URLs (admin routes, {@code aud}): at most 255 URL-safe characters. */
    public static final int MAX_ID_CHARS = 255;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1," + MAX_ID_CHARS + "}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9._~@+-]{1," + MAX_ID_CHARS + "}");
    /** Scopes and metascopes: each at most this long, at most this many; they are copied into every token. */
    private static final int MAX_SCOPE_CHARS = 255;
    private static final int MAX_SCOPES = 256;

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
        checkId(clientId, CLIENT_ID, "clientId", "A-Z a-z 0-9 . _ ~ -");
        checkId(orgId, ACCOUNT_ID, "orgId", "A-Z a-z 0-9 . _ ~ @ + -");
        checkId(technicalAccountId, ACCOUNT_ID, "technicalAccountId", "A-Z a-z 0-9 . _ ~ @ + -");
        for (String secret : clientSecrets) {
            if (secret.length() > MAX_ID_CHARS || secret.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
                throw new IllegalArgumentException("clientSecret: at most " + MAX_ID_CHARS + " visible ASCII characters");
            }
        }
        checkScopes(metascopes, "metascopes");
        checkScopes(scopes, "scopes");
        for (int i = 0; i < certificates.size(); i++) {
            checkKey(certificates.get(i), "certificates[" + i + "]");
        }
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

    private static void checkId(String value, Pattern allowed, String field, String alphabet) {
        if (!allowed.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": must be 1 to " + MAX_ID_CHARS + " characters of " + alphabet + " (it is "
                    + value.length() + " characters" + (value.length() > 64 ? "" : ": '" + value + "'") + ")");
        }
    }

    private static void checkScopes(Set<String> values, String field) {
        if (values.size() > MAX_SCOPES) {
            throw new IllegalArgumentException(field + ": at most " + MAX_SCOPES + ", not " + values.size());
        }
        for (String value : values) {
            if (value.isEmpty() || value.length() > MAX_SCOPE_CHARS || value.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F || c == ',')) {
                throw new IllegalArgumentException(field + ": each must be 1 to " + MAX_SCOPE_CHARS
                        + " visible ASCII characters without commas");
            }
        }
    }

    /** RSA keys as the Developer Console makes them: at least 2048 bits, public exponent at least 65537. */
    private static void checkKey(X509Certificate certificate, String field) {
        if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < Certificates.MIN_RSA_BITS) {
                throw new IllegalArgumentException(field + ": the certificate's RSA key has " + bits
                        + " bits; IMS requires at least " + Certificates.MIN_RSA_BITS + " (the Developer Console issues 2048-bit keys)");
            }
            if (rsa.getPublicExponent().compareTo(Certificates.MIN_RSA_EXPONENT) < 0) {
                throw new IllegalArgumentException(field + ": the certificate's RSA public exponent is " + rsa.getPublicExponent()
                        + "; a tiny exponent is refused, use 65537 (as the Developer Console's " + Certificates.MIN_RSA_BITS + "-bit keys do)");
            }
        }
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

        /** Adds a certificate given as PEM text ({@code -----BEGIN CERTIFICATE-----…}); one certificate, not a chain. */
        public Builder certificatePem(String pem) {
            int count = Certificates.pemCertificateCount(pem);
            if (count > 1) {
                throw new IllegalArgumentException("certificates: the PEM text holds " + count
                        + " certificates; give each certificate as an entry of its own");
            }
            X509Certificate certificate = X509CertUtils.parse(pem);
            if (certificate == null) {
                throw new IllegalArgumentException("certificates: not a PEM-encoded X.509 certificate");
            }
            return certificate(certificate);
        }

        /**
         * The metascope codes; replaces any set before, as every plural setter here (and every credential
         * option of the config file, the admin API and the JUnit builders) does. A leading {@code /s/}
         * (as aio-lib-java writes them) is removed. Unset: none.
         */
        public Builder metascopes(Collection<String> codes) {
            metascopes.clear();
            codes.forEach(code -> metascopes.add(stripMetascopePrefix(code)));
            return this;
        }

        /** Like {@link #metascopes(Collection)}: replaces any set before. */
        public Builder metascopes(String... codes) {
            return metascopes(List.of(codes));
        }

        /** The OAuth scopes, in order; replaces any set before. Unset: none. */
        public Builder scopes(Collection<String> scopes) {
            this.scopes.clear();
            scopes.forEach(scope -> this.scopes.add(scope.trim()));
            return this;
        }

        /** Like {@link #scopes(Collection)}: replaces any set before. */
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

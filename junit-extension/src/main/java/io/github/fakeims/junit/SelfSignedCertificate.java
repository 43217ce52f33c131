package io.github.fakeims.junit;

import io.github.fakeims.junit.internal.KeyPairPool;
import io.github.fakeims.junit.internal.Pem;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway key pair and the self-signed X.509 certificate a developer would upload to an Adobe
 * Developer Console credential, with the PEM and PKCS#8 forms clients want. Build variants with
 * {@link #builder()}: expired, not yet valid, for another key.
 *
 * <pre>{@code
 * SelfSignedCertificate expired = SelfSignedCertificate.builder().expired().build();
 * }</pre>
 */
public final class SelfSignedCertificate {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<KeyPair, SelfSignedCertificate> DEFAULT_FOR_POOLED_KEY = new ConcurrentHashMap<>();

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /**
     * A certificate with every default: a pooled key, valid from an hour ago for a year. Each pooled key
     * comes with one such certificate, made once in a run: signing a certificate is most of what the
     * extension costs per test class.
     */
    public static SelfSignedCertificate create() {
        DefaultCertificates.prepared();
        return DEFAULT_FOR_POOLED_KEY.computeIfAbsent(KeyPairPool.next(), keys -> builder().keyPair(keys).build());
    }

    /** Makes each pooled key's default certificate in the background (~8 ms each, cold), once per run. */
    private static final class DefaultCertificates {
        static {
            KeyPairPool.prepareEach(keys -> DEFAULT_FOR_POOLED_KEY.computeIfAbsent(keys, key -> builder().keyPair(key).build()));
        }

        static void prepared() {
            // loading this class started the preparation
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public KeyPair keyPair() { return keyPair; }

    public PrivateKey privateKey() { return keyPair.getPrivate(); }

    public X509Certificate certificate() { return certificate; }

    /** {@code -----BEGIN CERTIFICATE-----…}, what the Console's upload takes and the fake's config reads. */
    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /** {@code -----BEGIN PRIVATE KEY-----…} (unencrypted PKCS#8). */
    public String privateKeyPem() {
        return Pem.privateKey(keyPair.getPrivate());
    }

    /** The PKCS#8 DER bytes of the private key. */
    public byte[] privateKeyDer() {
        return keyPair.getPrivate().getEncoded();
    }

    /** Base64 of the PKCS#8 DER bytes: aio-lib-java's {@code aio_encoded_pkcs8}. */
    public String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(privateKeyDer());
    }

    @Override
    public String toString() {
        return "SelfSignedCertificate{" + certificate.getSubjectX500Principal().getName() + ", serial "
                + certificate.getSerialNumber().toString(16) + ", valid " + certificate.getNotBefore().toInstant() + " to "
                + certificate.getNotAfter().toInstant() + "}";
    }

    /** Builds a {@link SelfSignedCertificate}; each setter says its default. */
    public static final class Builder {
        private KeyPair keyPair;
        private String subject = "CN=Fake IMS throwaway credential";
        private Instant validFrom;
        private Duration validity = Duration.ofDays(365);
        private BigInteger serialNumber;

        private Builder() {
        }

        /** Default: a key pair from a pool shared within the run (key generation is slow). */
        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
            return this;
        }

        /** Default {@code CN=Fake IMS throwaway credential}. */
        public Builder subject(String distinguishedName) {
            this.subject = Objects.requireNonNull(distinguishedName, "subject");
            return this;
        }

        /** Default: an hour before the moment of {@link #build()}. */
        public Builder validFrom(Instant validFrom) {
            this.validFrom = Objects.requireNonNull(validFrom, "validFrom");
            return this;
        }

        /** Default 365 days from {@link #validFrom}. */
        public Builder validity(Duration validity) {
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("validity must be positive, was " + validity);
            }
            this.validity = validity;
            return this;
        }

        /** Valid from two days ago until yesterday. */
        public Builder expired() {
            return validFrom(Instant.now().minus(Duration.ofDays(2))).validity(Duration.ofDays(1));
        }

        /** Valid from tomorrow for a year. */
        public Builder notYetValid() {
            return validFrom(Instant.now().plus(Duration.ofDays(1))).validity(Duration.ofDays(365));
        }

        /** Default: a random positive 64-bit number. */
        public Builder serialNumber(BigInteger serialNumber) {
            this.serialNumber = Objects.requireNonNull(serialNumber, "serialNumber");
            return this;
        }

        public SelfSignedCertificate build() {
            KeyPair keys = keyPair != null ? keyPair : KeyPairPool.next();
            Instant from = validFrom != null ? validFrom : Instant.now().minus(Duration.ofHours(1));
            BigInteger serial = serialNumber != null ? serialNumber : new BigInteger(63, RANDOM).add(BigInteger.ONE);
            X500Name name = new X500Name(subject);
            try {
                JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                        Date.from(from), Date.from(from.plus(validity)), name, keys.getPublic());
                X509Certificate certificate = new JcaX509CertificateConverter()
                        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
                return new SelfSignedCertificate(keys, certificate);
            } catch (OperatorCreationException | CertificateException e) {
                throw new IllegalStateException("cannot create a self-signed certificate for " + subject, e);
            }
        }
    }
}

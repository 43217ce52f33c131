package io.github.fakeims.junit;

import io.github.fakeims.junit.internal.KeyPairPool;
import io.github.fakeims.junit.internal.Pem;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
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
    /** Default certificates the pool's background thread made for keys not handed out yet (bounded by the pool). */
    private static final Map<KeyPair, SelfSignedCertificate> PREPARED_DEFAULTS = new ConcurrentHashMap<>();

    static {
        KeyPairPool.prepareEach(keys -> PREPARED_DEFAULTS.put(keys, builder().keyPair(keys).build()));
    }

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /**
     * A certificate with every default: a key pair of its own, valid from an hour ago for a year. Key and
     * certificate are normally made ahead in the background: signing a certificate and making a key are
     * most of what the extension would cost per test class.
     */
    public static SelfSignedCertificate create() {
        KeyPair keys = KeyPairPool.next();
        SelfSignedCertificate prepared = PREPARED_DEFAULTS.remove(keys);
        return prepared != null ? prepared : builder().keyPair(keys).build();
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
        /** When {@link #validFrom} is not set: how far from the clock's now validity starts. */
        private Duration startFromNow = Duration.ofHours(-1);
        private Duration validity = Duration.ofDays(365);
        private BigInteger serialNumber;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Default: a key pair of its own, made ahead in the background (key generation is slow). */
        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
            return this;
        }

        /** Default {@code CN=Fake IMS throwaway credential}. */
        public Builder subject(String distinguishedName) {
            this.subject = Objects.requireNonNull(distinguishedName, "subject");
            return this;
        }

        /** Default: an hour before the {@link #clock(Clock) clock}'s now at {@link #build()}. */
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

        /**
         * Default the system clock: what "now" is for {@link #expired()}, {@link #notYetValid()} and the default
         * {@link #validFrom}. Pass the fake's, {@code fake.clock().asClock()}, when the test moves the fake's time.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Valid from two days ago until yesterday, by the {@link #clock(Clock) clock} at {@link #build()}. */
        public Builder expired() {
            return startingFromNow(Duration.ofDays(-2)).validity(Duration.ofDays(1));
        }

        /** Valid from tomorrow for a year, by the {@link #clock(Clock) clock} at {@link #build()}. */
        public Builder notYetValid() {
            return startingFromNow(Duration.ofDays(1)).validity(Duration.ofDays(365));
        }

        private Builder startingFromNow(Duration offset) {
            this.validFrom = null;
            this.startFromNow = offset;
            return this;
        }

        /** Default: a random positive 64-bit number. */
        public Builder serialNumber(BigInteger serialNumber) {
            this.serialNumber = Objects.requireNonNull(serialNumber, "serialNumber");
            return this;
        }

        public SelfSignedCertificate build() {
            KeyPair keys = keyPair;
            if (keys == null) {
                keys = KeyPairPool.next();
                PREPARED_DEFAULTS.remove(keys); // this builder makes its own certificate for the key
            }
            Instant from = validFrom != null ? validFrom : clock.instant().plus(startFromNow);
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

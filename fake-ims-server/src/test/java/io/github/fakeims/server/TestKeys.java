package io.github.fakeims.server;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key pairs (generated once per test run: RSA generation is slow) and self-signed certificates for tests. */
public final class TestKeys {

    public static final KeyPair KEYS = generate();
    public static final KeyPair OTHER_KEYS = generate();

    private static final AtomicLong SERIAL = new AtomicLong(1);

    private TestKeys() {
    }

    /** A certificate for {@code keys}, valid from a day ago for a year. */
    public static X509Certificate certificate(KeyPair keys) {
        Instant now = Instant.now();
        return certificate(keys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    public static X509Certificate certificate(KeyPair keys, Instant notBefore, Instant notAfter) {
        try {
            X500Name subject = new X500Name("CN=fake-ims test " + SERIAL.get());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

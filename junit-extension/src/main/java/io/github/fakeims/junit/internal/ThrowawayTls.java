package io.github.fakeims.junit.internal;

import io.github.fakeims.server.FakeImsTls;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The extension's TLS material for HTTPS fakes: a throwaway CA and a server certificate for loopback
 * ({@code localhost}, {@code 127.0.0.1}, {@code ::1}), made with BouncyCastle in milliseconds, once per JVM
 * (the standalone fake makes its own with keytool, which takes seconds).
 */
public final class ThrowawayTls {

    private static final class Holder {
        static final FakeImsTls LOOPBACK = create();
    }

    private ThrowawayTls() {
    }

    /** The one CA and loopback server certificate of this JVM's test run. */
    public static FakeImsTls loopback() {
        return Holder.LOOPBACK;
    }

    private static FakeImsTls create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair ca = generator.generateKeyPair();
            KeyPair server = generator.generateKeyPair();
            Instant now = Instant.now();
            Date from = Date.from(now.minus(Duration.ofDays(1)));
            Date until = Date.from(now.plus(Duration.ofDays(30)));
            X500Name caName = new X500Name("CN=Fake IMS throwaway CA (tests)");
            JcaX509v3CertificateBuilder caCertificate = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(now.toEpochMilli()),
                    from, until, caName, ca.getPublic());
            caCertificate.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            caCertificate.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            JcaX509v3CertificateBuilder serverCertificate = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(now.toEpochMilli() + 1),
                    from, until, new X500Name("CN=localhost"), server.getPublic());
            serverCertificate.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")}));
            serverCertificate.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withECDSA");
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            X509Certificate caCert = converter.getCertificate(caCertificate.build(signer.build(ca.getPrivate())));
            X509Certificate serverCert = converter.getCertificate(serverCertificate.build(signer.build(ca.getPrivate())));
            return FakeImsTls.of(server.getPrivate(), List.of(serverCert, caCert));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot make the throwaway TLS certificates", e);
        }
    }
}

package io.github.fakeims.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.junit.internal.KeyPairPool;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {

    @Test
    void theDefaultsAreAValidRsa2048CertificateForAYear() throws Exception {
        Instant before = Instant.now();
        SelfSignedCertificate certificate = SelfSignedCertificate.create();

        certificate.certificate().checkValidity(new Date());
        certificate.certificate().verify(certificate.keyPair().getPublic());
        assertThat(((RSAPublicKey) certificate.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(certificate.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=Fake IMS throwaway credential");
        assertThat(certificate.certificate().getSerialNumber()).isPositive();
        assertThat(Duration.between(certificate.certificate().getNotBefore().toInstant(),
                certificate.certificate().getNotAfter().toInstant())).isEqualTo(Duration.ofDays(365));
        assertThat(certificate.certificate().getNotBefore().toInstant()).isBefore(before);
    }

    @Test
    void expiredAndNotYetValidVariantsAreOutsideTheirValidityNow() {
        Instant now = Instant.now();
        SelfSignedCertificate expired = SelfSignedCertificate.builder().expired().build();
        SelfSignedCertificate future = SelfSignedCertificate.builder().notYetValid().build();

        assertThat(expired.certificate().getNotAfter().toInstant()).isBefore(now);
        assertThat(future.certificate().getNotBefore().toInstant()).isAfter(now);
    }

    @Test
    void theBuilderTakesSubjectSerialValidityAndKey() {
        var keys = KeyPairPool.next();
        Instant from = Instant.parse("2030-01-01T00:00:00Z");
        SelfSignedCertificate certificate = SelfSignedCertificate.builder()
                .keyPair(keys).subject("CN=mine").serialNumber(BigInteger.TEN).validFrom(from).validity(Duration.ofDays(2)).build();

        assertThat(certificate.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=mine");
        assertThat(certificate.certificate().getSerialNumber()).isEqualTo(BigInteger.TEN);
        assertThat(certificate.certificate().getNotBefore().toInstant()).isEqualTo(from);
        assertThat(certificate.certificate().getNotAfter().toInstant()).isEqualTo(from.plus(Duration.ofDays(2)));
        assertThat(certificate.keyPair()).isSameAs(keys);
        assertThatThrownBy(() -> SelfSignedCertificate.builder().validity(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validity");
    }

    @Test
    void thePemAndPkcs8FormsDecodeBackToTheSameKeyAndCertificate() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create();

        assertThat(certificate.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(X509CertUtils.parse(certificate.certificatePem())).isEqualTo(certificate.certificate());

        String pem = certificate.privateKeyPem();
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----").contains("-----END PRIVATE KEY-----");
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey decoded = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        assertThat(decoded).isEqualTo(certificate.privateKey());
        assertThat(certificate.privateKeyDer()).isEqualTo(certificate.privateKey().getEncoded());
        assertThat(Base64.getDecoder().decode(certificate.privateKeyBase64())).isEqualTo(certificate.privateKeyDer());
    }

    @Test
    void aFreshKeyIsNeverOneOfThePooledKeys() {
        var fresh = KeyPairPool.fresh();
        for (int i = 0; i < 8; i++) {
            assertThat(KeyPairPool.next().getPublic()).isNotEqualTo(fresh.getPublic());
        }
    }
}

package io.github.fakeims.server.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakeims.server.TestKeys;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;

/** PKCS#1 and PKCS#8 PEM keys, checked against BouncyCastle's reader and writer (an independent implementation). */
class PrivateKeyPemTest {

    private static final PrivateKey KEY = TestKeys.KEYS.getPrivate();

    @Test
    void readsAPkcs1KeyWrittenByBouncyCastleWithCrlfLineBreaks() throws Exception {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(KEY);
        }
        assertThat(pem.toString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        assertThat(PrivateKeyPem.parse(pem.toString().replace("\n", "\r\n"))).isEqualTo(KEY);
    }

    @Test
    void writesAPkcs1KeyThatBouncyCastleReadsAndAPkcs8OneThatRoundTrips() throws Exception {
        String pkcs1 = PrivateKeyPem.pkcs1(KEY, "\r\n");
        try (PEMParser parser = new PEMParser(new StringReader(pkcs1))) {
            assertThat(new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject()).getPrivate()).isEqualTo(KEY);
        }
        assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----\r\n").endsWith("-----END RSA PRIVATE KEY-----\r\n")
                .doesNotContain("\r\n\r\n");
        assertThat(PrivateKeyPem.parse(PrivateKeyPem.pkcs8(KEY))).isEqualTo(KEY);
    }

    @Test
    void saysWhatATextIsInsteadOfAKey() {
        assertThatThrownBy(() -> PrivateKeyPem.parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .hasMessageContaining("not a PEM RSA private key");
        assertThatThrownBy(() -> PrivateKeyPem.parse("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .hasMessageContaining("does not hold an RSA private key");
    }

    @Test
    void matchesAKeyOnlyToItsOwnCertificate() {
        assertThat(PrivateKeyPem.matches(KEY, TestKeys.certificate(TestKeys.KEYS))).isTrue();
        assertThat(PrivateKeyPem.matches(KEY, TestKeys.certificate(TestKeys.OTHER_KEYS))).isFalse();
    }
}

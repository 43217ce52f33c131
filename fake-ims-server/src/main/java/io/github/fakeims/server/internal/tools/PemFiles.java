package io.github.fakeims.server.internal.tools;

import com.nimbusds.jose.util.X509CertUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.github.fakeims.server.internal.core.PrivateKeyPem;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** Reads and writes the PEM files Adobe hands out: an unencrypted RSA key (PKCS#8 or PKCS#1) and an X.509 certificate. */
final class PemFiles {

    private PemFiles() {
    }

    /** An unencrypted RSA key, PKCS#8 ({@code BEGIN PRIVATE KEY}, the Console) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, AEM). */
    static PrivateKey readPrivateKey(Path file) throws IOException {
        try {
            return PrivateKeyPem.parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static X509Certificate readCertificate(Path file) throws IOException {
        X509Certificate certificate = X509CertUtils.parse(Files.readString(file, StandardCharsets.US_ASCII));
        if (certificate == null) {
            throw new IllegalArgumentException(file + " is not a PEM X.509 certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificate;
    }

    static String privateKeyPem(PrivateKey key) {
        return PrivateKeyPem.pkcs8(key);
    }
}

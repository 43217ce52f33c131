package io.github.fakeims.server.internal.tools;

import com.nimbusds.jose.util.X509CertUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Reads and writes the PEM files the Developer Console hands out: an unencrypted PKCS#8 key and an X.509 certificate. */
final class PemFiles {

    private PemFiles() {
    }

    static PrivateKey readPrivateKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(file + " is not an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----)"
                    + (pem.contains("RSA PRIVATE KEY") ? "; convert it: openssl pkcs8 -topk8 -nocrypt -in old.key -out private.key" : ""));
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " does not hold an RSA private key: " + e.getMessage(), e);
        }
    }

    static X509Certificate readCertificate(Path file) throws IOException {
        X509Certificate certificate = X509CertUtils.parse(Files.readString(file, StandardCharsets.US_ASCII));
        if (certificate == null) {
            throw new IllegalArgumentException(file + " is not a PEM X.509 certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificate;
    }
}

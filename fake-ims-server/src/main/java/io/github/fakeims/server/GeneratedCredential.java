package io.github.fakeims.server;

import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.internal.core.PrivateKeyPem;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A credential the fake made with a fresh key pair, as the Developer Console's "Generate a key pair":
 * the registered credential, its new certificate ({@code certificate_pub.crt}) and the private key
 * ({@code private.key}), which Console hands out once.
 */
public record GeneratedCredential(Credential credential, X509Certificate certificate, PrivateKey privateKey) {

    public GeneratedCredential {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** The certificate as PEM, the content of Console's {@code certificate_pub.crt}. */
    public String certificatePem() {
        return X509CertUtils.toPEMString(certificate) + "\n";
    }

    /** The private key as unencrypted PKCS#8 PEM, the content of Console's {@code private.key}. */
    public String privateKeyPem() {
        return PrivateKeyPem.pkcs8(privateKey);
    }

    @Override
    public String toString() {
        return "GeneratedCredential{" + credential + "}"; // never the private key
    }
}

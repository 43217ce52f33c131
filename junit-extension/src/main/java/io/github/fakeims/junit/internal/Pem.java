package io.github.fakeims.junit.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** PEM text through BouncyCastle's writer: certificates and PKCS#8 private keys. */
public final class Pem {

    private Pem() {
    }

    public static String certificate(X509Certificate certificate) {
        return write(certificate);
    }

    /** {@code -----BEGIN PRIVATE KEY-----}: unencrypted PKCS#8, what the Developer Console downloads. */
    public static String privateKey(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null));
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("cannot encode the private key as PKCS#8", e);
        }
    }

    private static String write(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (object instanceof PemObjectGenerator generator) {
                writer.writeObject(generator);
            } else {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}

package io.github.fakeims.server.internal.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import io.github.fakeims.server.internal.tls.Keytool;

/**
 * Makes what the Developer Console makes for a Service Account: an RSA-2048 key pair and a self-signed
 * SHA256withRSA certificate. The JDK's own keytool makes them, so the server needs no certificate
 * library at run time (it is part of every JDK and of the image's jlinked runtime). Takes about a second.
 */
public final class KeytoolKeyPairs {

    /** A private key and the certificate of its public key. */
    public record KeyPair(PrivateKey privateKey, X509Certificate certificate) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALIAS = "credential";

    private KeytoolKeyPairs() {
    }

    /** A fresh key pair with a certificate for {@code subject} (an X.500 name), valid from now for {@code days}. */
    public static KeyPair generate(String subject, int days) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("fake-ims-keytool");
            Path keystore = folder.resolve("keys.p12"); // keytool makes the store itself
            byte[] secret = new byte[16];
            RANDOM.nextBytes(secret);
            char[] password = HexFormat.of().formatHex(secret).toCharArray();
            runKeytool(keystore, password, subject, days);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password);
            }
            return new KeyPair((PrivateKey) store.getKey(ALIAS, password), (X509Certificate) store.getCertificate(ALIAS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key keytool made: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use keytool's key store: " + e.getMessage(), e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private static void runKeytool(Path keystore, char[] password, String subject, int days) {
        Keytool.run(null, "-genkeypair", "-alias", ALIAS,
                "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", subject,
                "-validity", Integer.toString(days), "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(password), "-keypass", new String(password));
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // a leftover temp folder holds a throwaway key store; nothing to report to the caller
        }
    }
}

package io.github.fakeims.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

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
            throw new IllegalStateException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool made a key pair", e);
        } finally {
            deleteQuietly(folder);
        }
    }

    /** An unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), as the Console's {@code private.key}. */
    public static String privateKeyPem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** Reads {@link #privateKeyPem}'s format back. */
    public static PrivateKey privateKeyFromPem(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an unencrypted PKCS#8 RSA private key: " + e.getMessage(), e);
        }
    }

    private static void runKeytool(Path keystore, char[] password, String subject, int days) throws IOException, InterruptedException {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", windows ? "keytool.exe" : "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IllegalStateException("making a key pair uses the JDK's keytool, and " + keytool + " is not there");
        }
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-noprompt", "-alias", ALIAS,
                "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", subject,
                "-validity", Integer.toString(days), "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(password), "-keypass", new String(password))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool failed: " + output.strip());
        }
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
